import Foundation
import OrgGenerator

// generate-org USERS ACCOUNTS GROUPS ACCOUNTS_PER_ASSIGNMENT [SEED] > org.yaml
let numbers = CommandLine.arguments.dropFirst().compactMap { Int($0) }
guard numbers.count >= 4 else {
    FileHandle.standardError.write(Data("usage: generate-org USERS ACCOUNTS GROUPS ACCOUNTS_PER_ASSIGNMENT [SEED]\n".utf8))
    exit(64)
}
let generator = OrgGenerator(
    users: numbers[0], accounts: numbers[1], groups: numbers[2], accountsPerAssignment: numbers[3],
    seed: numbers.count > 4 ? UInt64(numbers[4]) : 1)
FileHandle.standardOutput.write(Data(generator.yaml().utf8))
