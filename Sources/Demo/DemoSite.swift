public enum DemoModule {}
