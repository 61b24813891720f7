extension String {
    /// The first position of an ASCII byte, searched in the string's contiguous UTF-8 where it has it (a native
    /// string always does): stepping the UTF-8 view's iterator costs several times more, and the engine searches fact
    /// names ("c1/born") for their slash on every anchor. A byte below 0x80 never occurs inside a multi-byte
    /// character, so the position is a character boundary.
    func firstIndex(ofASCII byte: UInt8) -> String.Index? {
        if let offset = utf8.withContiguousStorageIfAvailable({ $0.firstIndex(of: byte) }) {
            return offset.map { utf8.index(utf8.startIndex, offsetBy: $0) }
        }
        return utf8.firstIndex(of: byte)
    }
}
