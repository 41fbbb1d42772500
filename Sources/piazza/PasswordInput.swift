import Foundation
import PiazzaIntake

/// Where `piazza user add|passwd` gets a password: the terminal, without echo and asked twice, or
/// the first line of standard input (`--password-stdin`). Never from an option, which other users
/// of the machine see in the process list and the shell keeps in its history.
enum PasswordInput {
    /// - Throws: ``AccountsError`` `.invalidPassword` when the two entries differ, standard input
    ///   is empty, or it is not a terminal and `--password-stdin` was not given.
    static func read(fromStdin: Bool) throws -> String {
        if fromStdin {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw AccountsError(.invalidPassword, "standard input is empty; write the password on its first line")
            }
            return line
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw AccountsError(
                .invalidPassword,
                "standard input is not a terminal; pass --password-stdin to read the password from it")
        }
        let first = try prompt("Password: ")
        guard try prompt("Password again: ") == first else {
            throw AccountsError(.invalidPassword, "the two passwords differ; run the command again")
        }
        return first
    }

    /// Reads one line from the terminal with echo off, restoring it even on error.
    private static func prompt(_ text: String) throws -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true) else {
            throw AccountsError(.invalidPassword, "no password entered")
        }
        return line
    }
}
