import Foundation
import TestSupport
import Testing

@testable import OrgProfileKit

@Suite struct UnifiedDiffTests {
    func diff(_ old: String, _ new: String) -> String {
        UnifiedDiff.diff(old: Array(old.utf8), new: Array(new.utf8), path: "f")
    }

    @Test func equalTextsHaveNoDiff() {
        #expect(diff("a\nb\n", "a\nb\n") == "")
    }

    @Test func oneChangedLineWithThreeLinesOfContext() {
        let old = (1...10).map { "line \($0)\n" }.joined()
        let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n")
        #expect(
            diff(old, new) == """
                --- a/f
                +++ b/f
                @@ -2,7 +2,7 @@
                 line 2
                 line 3
                 line 4
                -line 5
                +line five
                 line 6
                 line 7
                 line 8

                """)
    }

    @Test func distantChangesMakeTwoHunksAndCloseOnesOne() {
        let old = (1...20).map { "\($0)\n" }.joined()
        let twoHunks = old.replacingOccurrences(of: "\n2\n", with: "\nTWO\n").replacingOccurrences(of: "\n18\n", with: "\nEIGHTEEN\n")
        #expect(diff(old, twoHunks).components(separatedBy: "\n@@").count == 3)
        let oneHunk = old.replacingOccurrences(of: "\n5\n", with: "\nFIVE\n").replacingOccurrences(of: "\n11\n", with: "\nELEVEN\n")
        #expect(diff(old, oneHunk).contains("@@ -2,13 +2,13 @@"))
    }

    @Test func newFileAndMissingNewline() {
        #expect(diff("", "a\nb\n") == "--- /dev/null\n+++ b/f\n@@ -0,0 +1,2 @@\n+a\n+b\n")
        #expect(diff("a\n", "a") == "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+a\n\\ No newline at end of file\n")
    }

    @Test func colorsLikeGit() {
        let colored = UnifiedDiff.diff(old: Array("a\n".utf8), new: Array("b\n".utf8), path: "f", color: true)
        #expect(
            colored
                == "\u{1B}[1m--- a/f\u{1B}[m\n\u{1B}[1m+++ b/f\u{1B}[m\n\u{1B}[36m@@ -1 +1 @@\u{1B}[m\n\u{1B}[31m-a\u{1B}[m\n\u{1B}[32m+b\u{1B}[m\n"
        )
    }

    /// Random edits of random texts: the edit script is minimal enough to be git's, and
    /// the patch, applied by `git apply`, turns old into new.
    @Test func patchesApplyWithGit() throws {
        var generator = SeededGenerator(seed: 7)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for trial in 0..<40 {
            let old = (0..<Int.random(in: 0...30, using: &generator)).map { _ in "l\(Int.random(in: 0...6, using: &generator))" }
            var new = old
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let position = Int.random(in: 0...new.count, using: &generator)
                switch Int.random(in: 0...2, using: &generator) {
                case 0 where position < new.count: new.remove(at: position)
                case 1 where position < new.count: new[position] = "x\(trial)"
                default: new.insert("n\(Int.random(in: 0...6, using: &generator))", at: position)
                }
            }
            let oldText = old.map { $0 + "\n" }.joined()
            let newText = new.map { $0 + "\n" }.joined()
            let patch = diff(oldText, newText)
            guard oldText != newText, !oldText.isEmpty else { continue }
            try oldText.write(toFile: folder + "/f", atomically: true, encoding: .utf8)
            try patch.write(toFile: folder + "/p.diff", atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "apply", "p.diff"]
            process.currentDirectoryURL = URL(fileURLWithPath: folder)
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "git apply failed for trial \(trial):\n\(patch)")
            #expect(try readText(folder + "/f") == newText, "trial \(trial)")
            let edits = LineDiff.edits(from: old, to: new)
            let changes = edits.filter { if case .keep = $0 { false } else { true } }.count
            #expect(changes <= old.count + new.count - 2 * longestCommonSubsequence(old, new), "trial \(trial) is not minimal")
        }
    }

    func longestCommonSubsequence(_ a: [String], _ b: [String]) -> Int {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        return table[0][0]
    }
}
