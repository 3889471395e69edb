import Testing
@testable import GongkaiCore

/// RFC 4180 reading (agency and holiday imports) by worked examples.
@Suite("CSV reader")
struct CSVTests {
    @Test func plainRowsSplitOnCommasAndLineBreaks() {
        // given two lines, the last one ended by a line break
        let text = "code,name\nt-edu,教育局\n"
        // when read, then there are two rows and no empty row for the final line break
        #expect(CSV.parse(text) == [["code", "name"], ["t-edu", "教育局"]])
    }

    @Test func theLastLineNeedsNoLineBreak() {
        #expect(CSV.parse("a,b\nc,d") == [["a", "b"], ["c", "d"]])
    }

    @Test func windowsAndOldMacLineBreaksEndRowsToo() {
        #expect(CSV.parse("a,b\r\nc,d\r\n") == [["a", "b"], ["c", "d"]])
        #expect(CSV.parse("a\rb\r") == [["a"], ["b"]])
    }

    @Test func aQuotedFieldMayHoldCommasAndDoubledQuotes() {
        // given "测试县, 教育局" and 他说"好" written as RFC 4180 fields
        let text = #""测试县, 教育局","他说""好""",x"#
        // when read, then the commas stay inside and each doubled quote is one quote
        #expect(CSV.parse(text) == [["测试县, 教育局", #"他说"好""#, "x"]])
    }

    @Test func aQuotedFieldMayHoldLineBreaksIncludingCRLF() {
        // given a guide text of two lines in a quoted field, the file written on Windows
        let text = "code,guide\r\nt-edu,\"第一段\r\n第二段\"\r\nt-gov,\"a\nb\"\r\n"
        // when read, then the line breaks stay in the field and do not end the row
        #expect(CSV.parse(text) == [["code", "guide"], ["t-edu", "第一段\r\n第二段"], ["t-gov", "a\nb"]])
    }

    @Test func aByteOrderMarkAtTheStartIsDropped() {
        // given a file saved by Excel as "CSV UTF-8" (with a BOM)
        let text = "\u{FEFF}code,name\nt-edu,教育局\n"
        // when read, then the first header is "code", not "\u{FEFF}code"
        #expect(CSV.parse(text).first == ["code", "name"])
        // and a BOM elsewhere is data
        #expect(CSV.parse("a,\u{FEFF}b") == [["a", "\u{FEFF}b"]])
    }

    @Test func emptyFieldsAreKept() {
        #expect(CSV.parse("a,,c\n") == [["a", "", "c"]])
        #expect(CSV.parse(",\n") == [["", ""]])
        #expect(CSV.parse("a,\n") == [["a", ""]])
        #expect(CSV.parse("\"\",b") == [["", "b"]])
    }

    @Test func emptyTextHasNoRowsAndABlankLineIsAnEmptyRow() {
        #expect(CSV.parse("") == [])
        #expect(CSV.parse("\n") == [[""]])
        #expect(CSV.parse("a\n\nb\n") == [["a"], [""], ["b"]])
    }

    @Test func aQuoteInsideAnUnquotedFieldIsKeptAsText() {
        // lenient: only a quote at the start of a field opens a quoted field
        #expect(CSV.parse(#"12"3,x"#) == [[#"12"3"#, "x"]])
    }

    @Test func anUnclosedQuoteRunsToTheEndOfTheText() {
        #expect(CSV.parse("\"a,b\nc") == [["a,b\nc"]])
    }

    @Test func writtenLinesReadBackTheSame() {
        // given fields that need quoting and fields that do not
        let fields = ["t-edu", "测试县, 教育局", #"他说"好""#, "两行\n文字", "", "plain"]
        // when written as a line and read back
        let line = CSV.line(fields)
        // then only the fields that need it are quoted, and the fields are the same
        #expect(line == #"t-edu,"测试县, 教育局","他说""好""","两行"# + "\n" + #"文字",,plain"#)
        #expect(CSV.parse(line) == [fields])
    }

    @Test func aFieldWithAWindowsLineBreakIsQuotedWhenWritten() {
        // given a field holding "\r\n", which Swift reads as one Character, equal neither to "\r" nor to "\n"
        let fields = ["两行\r\n文字", "x"]
        // when written and read back, it stays one field
        #expect(CSV.line(fields) == "\"两行\r\n文字\",x")
        #expect(CSV.parse(CSV.line(fields)) == [fields])
    }
}
