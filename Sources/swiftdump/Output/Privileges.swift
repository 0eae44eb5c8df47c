#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// `-Z user`: gives up root after the device or file is open, as tcpdump does (supplementary groups, group,
/// then user). Does nothing unless the process runs as root.
enum Privileges {
    static func drop(to user: String) throws(Termination) {
        guard getuid() == 0 || geteuid() == 0 else { return }
        guard let entry = getpwnam(user) else {
            throw .failure("Couldn't find user '\(String(user.prefix(32)))'")
        }
        let uid = entry.pointee.pw_uid
        let gid = entry.pointee.pw_gid
        if initgroups(user, gid) != 0 || setgid(gid) != 0 || setuid(uid) != 0 {
            let reason = String(cString: strerror(errno))
            throw .failure("Couldn't change to '\(String(user.prefix(32)))' uid=\(uid) gid=\(gid): \(reason)")
        }
    }
}
