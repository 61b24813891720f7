public enum ViewsModule {}
