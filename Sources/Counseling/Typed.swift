/// What a user typed, as a message quotes it back.
public enum Typed {
    /// The text cut after `limit` characters: a pasted page in a date or code field would otherwise fill the message
    /// and the error summary (QA of 06.12.2026: 5,000 characters quoted twice).
    public static func echo(_ s: String, limit: Int = 40) -> String {
        s.count <= limit ? s : String(s.prefix(limit)) + "… (gekürzt)"
    }
}
