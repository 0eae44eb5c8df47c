#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// `-Z user`: gives up root once the device and the output file are open, as tcpdump 4.99.3 does on Debian: the
/// `-w` file is created as root and given to the user, then the process takes the user's supplementary groups,
/// group and user ID. Does nothing unless the process runs as root.
enum Privileges {
    /// The user and group IDs `-Z` switches to.
    struct Account {
        var name: String
        var userID: UInt32
        var groupID: UInt32
    }

    /// Looks `user` up in the password database; nil when the process is not root (nothing will be dropped).
    static func account(_ user: String) throws(Termination) -> Account? {
        guard getuid() == 0 || geteuid() == 0 else { return nil }
        guard let entry = getpwnam(user) else {
            throw .failure("Couldn't find user '\(String(user.prefix(32)))'")
        }
        return Account(name: user, userID: entry.pointee.pw_uid, groupID: entry.pointee.pw_gid)
    }

    /// Switches to `account`: supplementary groups, group, then user.
    static func drop(to account: Account) throws(Termination) {
        if initgroups(account.name, account.groupID) != 0 || setgid(account.groupID) != 0
            || setuid(account.userID) != 0
        {
            let reason = String(cString: strerror(errno))
            throw .failure(
                "Couldn't change to '\(String(account.name.prefix(32)))' uid=\(account.userID) "
                    + "gid=\(account.groupID): \(reason)")
        }
    }
}
