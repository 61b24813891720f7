import Hummingbird
import HummingbirdBcrypt
import HummingbirdOTP
public enum WebModule {}
