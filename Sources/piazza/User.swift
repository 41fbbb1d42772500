import ArgumentParser
import Foundation
import PiazzaIntake

/// `piazza user`: the back-office accounts in `<data>/users.sqlite` (see docs/DAEMON.md, *Operators*).
struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage back-office users: add, passwd, disable, enable, set, list.",
        subcommands: [Add.self, Passwd.self, Disable.self, Enable.self, Change.self, List.self])

    struct Options: ParsableArguments {
        @Option(help: "The daemon's config file (see piazza.example.yaml).")
        var config = "piazza.yaml"

        /// Runs `body` with the accounts of the configured daemon; errors as `Failure` prints them.
        func withAdmin(_ body: (UserAdmin) async throws -> Void) async throws {
            do {
                let admin = try UserAdmin(configFile: URL(fileURLWithPath: config))
                defer { try? admin.close() }
                try await body(admin)
            } catch {
                throw Failure.report(error)
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user; the password is asked twice.")

        @Argument(help: "Login name: lowercase letters, digits, '.', '_', '-'.")
        var name: String
        @Option(
            help:
                "admin (every portal), operator or tutor (the portals given with --portal), merchant (shop staff, one --portal and --merchant)."
        )
        var role: Role
        @Option(name: .customLong("portal"), help: "A portal the operator or tutor works on; repeat for more.")
        var portals: [String] = []
        @Option(help: "For --role merchant: the partita IVA of the shop whose vouchers the user redeems.")
        var merchant: String?
        @Flag(help: "Read the password from the first line of standard input (for scripts).")
        var passwordStdin = false
        @OptionGroup var options: Options

        func run() async throws {
            try await options.withAdmin { admin in
                try await admin.add(
                    name: name, role: role, portals: portals, merchant: merchant,
                    password: PasswordInput.read(fromStdin: passwordStdin))
                print("user \(name) added")
            }
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a user's password.")

        @Argument var name: String
        @Flag(help: "Read the password from the first line of standard input (for scripts).")
        var passwordStdin = false
        @OptionGroup var options: Options

        func run() async throws {
            try await options.withAdmin { admin in
                try await admin.setPassword(name: name, password: PasswordInput.read(fromStdin: passwordStdin))
                print("password of \(name) changed")
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user: they can no longer log in.")

        @Argument var name: String
        @OptionGroup var options: Options

        func run() async throws {
            try await options.withAdmin { admin in
                try await admin.disable(name: name)
                print("user \(name) disabled")
            }
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enable a disabled user: they can log in again with their password.")

        @Argument var name: String
        @OptionGroup var options: Options

        func run() async throws {
            try await options.withAdmin { admin in
                try await admin.enable(name: name)
                print("user \(name) enabled")
            }
        }
    }

    struct Change: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change a user's role, portals or shop; ends their sessions.",
            discussion: "What is not given is kept, as far as the new role allows (an admin has no --portal).")

        @Argument var name: String
        @Option(help: "The new role: admin, operator, tutor or merchant.")
        var role: Role?
        @Option(
            name: .customLong("portal"),
            help: "A portal the user works on; repeat for more. Replaces every portal the user had.")
        var portals: [String] = []
        @Option(help: "For shop staff: the partita IVA of their (new) shop.")
        var merchant: String?
        @OptionGroup var options: Options

        func run() async throws {
            try await options.withAdmin { admin in
                try await admin.set(
                    name: name, role: role, portals: portals.isEmpty ? nil : portals, merchant: merchant)
                print("user \(name) changed")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List users: name, role, portals (* for all), active or disabled; tab-separated.")

        @OptionGroup var options: Options

        func run() async throws {
            try await options.withAdmin { admin in
                for user in try await admin.list() {
                    let portals = user.role.takesPortals ? user.portals.joined(separator: ",") : "*"
                    let state = user.isDisabled ? "disabled" : "active"
                    print([user.name, user.role.rawValue, portals, state].joined(separator: "\t"))
                }
            }
        }
    }
}

extension Role: ExpressibleByArgument {}
