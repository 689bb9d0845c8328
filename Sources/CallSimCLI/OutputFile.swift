import Foundation

/// Writing a file a command was asked to write (`check --junit`, `size --write`), with a message
/// that says what is wrong in words a planner acts on, not the operating system's error code.
enum OutputFile {
    /// Writes `text` to `path` atomically; `flag` names the option that asked for it.
    static func write(_ text: String, to path: String, flag: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw InputError(description: "\(flag) \(path): is a folder; give a file name, such as \(path)/\(flag == "--junit" ? "junit.xml" : "sized.yaml")")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue {
            throw InputError(description: "\(flag) \(path): the folder \(folder) does not exist; create it first")
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw InputError(description: "\(flag) \(path): cannot write it (is the folder writable?): \(error.localizedDescription)")
        }
    }
}
