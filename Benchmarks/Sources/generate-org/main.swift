import Foundation
import OrgGenerator

// generate-org USERS ACCOUNTS GROUPS ACCOUNTS_PER_ASSIGNMENT [SEED] [--assignments N] [--email-names] > org.yaml
var arguments = Array(CommandLine.arguments.dropFirst())
let emailNames = arguments.contains("--email-names")
arguments.removeAll { $0 == "--email-names" }
var assignments = 1
if let flag = arguments.firstIndex(of: "--assignments"), flag + 1 < arguments.count, let count = Int(arguments[flag + 1]) {
    assignments = count
    arguments.removeSubrange(flag...(flag + 1))
}
let numbers = arguments.compactMap { Int($0) }
guard numbers.count >= 4, numbers.count == arguments.count else {
    FileHandle.standardError.write(
        Data("usage: generate-org USERS ACCOUNTS GROUPS ACCOUNTS_PER_ASSIGNMENT [SEED] [--assignments N] [--email-names]\n".utf8))
    exit(64)
}
let generator = OrgGenerator(
    users: numbers[0], accounts: numbers[1], groups: numbers[2], accountsPerAssignment: numbers[3], assignmentsPerGroup: assignments,
    emailNames: emailNames, seed: numbers.count > 4 ? UInt64(numbers[4]) : 1)
FileHandle.standardOutput.write(Data(generator.yaml().utf8))
