import Foundation

/// Writing what a command was asked to write (`run --output`, `compare --output`, `check --junit`,
/// `size --write`), with a message that says what is wrong in words a planner acts on, never the
/// operating system's error domain or number, and without leaving a half-written folder behind.
enum OutputFile {
    /// Writes `text` to `path` atomically, making its folder (and missing parents) as `--output`
    /// does; `flag` names the option that asked for it.
    static func write(_ text: String, to path: String, flag: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw InputError(description: "\(flag) \(path): is a folder; give a file name, such as \(path)/\(flag == "--junit" ? "junit.xml" : "sized.yaml")")
        }
        let url = URL(fileURLWithPath: path)
        try writeFolder([(url.lastPathComponent, text)], to: url.deletingLastPathComponent().path, flag: flag, naming: path)
    }

    /// Writes `files` (name and text) into `folder`, creating it and any missing parents. When a
    /// write fails, the folders it created are removed again; files it replaced in a folder that
    /// existed stay replaced (each is written atomically, complete or not at all).
    static func writeFolder(_ files: [(name: String, text: String)], to folder: String, flag: String, naming: String? = nil) throws {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: folder, isDirectory: &isFolder), !isFolder.boolValue {
            throw InputError(description: "\(flag) \(naming ?? folder): \(naming == nil ? "is a file, not a folder; give a folder's name" : "\(folder) is a file, not a folder")")
        }
        // The outermost folder this call creates, to remove if a write fails.
        var created: URL? = nil
        var probe = URL(fileURLWithPath: folder, isDirectory: true).standardizedFileURL
        while !manager.fileExists(atPath: probe.path), probe.path != "/" {
            created = probe
            probe = probe.deletingLastPathComponent()
        }
        do {
            let url = URL(fileURLWithPath: folder, isDirectory: true)
            try manager.createDirectory(at: url, withIntermediateDirectories: true)
            for (name, text) in files {
                try Data(text.utf8).write(to: url.appendingPathComponent(name), options: .atomic)
            }
        } catch {
            if let created { try? manager.removeItem(at: created) }
            throw InputError(description: "\(flag) \(naming ?? folder): cannot be written: \(reason(error))")
        }
    }

    /// What went wrong, in words: the system's own (from `errno`, such as "Permission denied") when
    /// Foundation carries it, else a plain phrase for the kind of failure.
    static func reason(_ error: Error) -> String {
        let error = error as NSError
        var cause: NSError? = error
        while let current = cause {
            if current.domain == NSPOSIXErrorDomain, let text = strerror(Int32(current.code)) {
                return String(cString: text).lowercased()
            }
            cause = (current.userInfo[NSUnderlyingErrorKey] as? Error).map { $0 as NSError }
        }
        switch CocoaError.Code(rawValue: error.code) {
        case .fileWriteNoPermission, .fileReadNoPermission: return "permission denied"
        case .fileWriteOutOfSpace: return "no space left on the disk"
        case .fileWriteVolumeReadOnly: return "the disk is read-only"
        case .fileNoSuchFile, .fileReadNoSuchFile: return "a folder on the way does not exist or is a file"
        case .fileWriteFileExists: return "something of that name is in the way"
        case .fileWriteInvalidFileName: return "the name is not a valid file name"
        default: return "the system refused to write it (is the folder writable, the disk full?)"
        }
    }
}
