import Testing
@testable import GongkaiCore

@Suite("HTML nodes")
struct HTMLTests {
    @Test func escapesTextAndAttributes() {
        let node = H.p(.class("x\" onclick=\"evil()")) { "<script>alert('发布')</script> & 更多" }
        #expect(node.render() == "<p class=\"x&quot; onclick=&quot;evil()\">&lt;script&gt;alert('发布')&lt;/script&gt; &amp; 更多</p>")
    }

    @Test func rendersBooleanOptionalAndVoidAttributes() {
        let node = H.select(.name("role")) {
            for role in [Role.publisher, .reviewer] {
                H.option(.value(role.rawValue), .when(role == .reviewer, .selected)) { role.chineseLabel }
            }
        }
        #expect(node.render() == "<select name=\"role\"><option value=\"publisher\">信息发布</option><option value=\"reviewer\" selected>审核</option></select>")
        #expect(H.input(.type("text"), .required).render() == "<input type=\"text\" required>")
    }

    @Test func voidElementsHaveNoEndTagWhateverBuiltThem() {
        // given an input made through the generic constructor, as the form helpers do
        let node = H.element("input", [.type("text"), .name("q")], [])
        // then it is written as a void element (once rendered as `<input …></input>`)
        #expect(node.render() == "<input type=\"text\" name=\"q\">")
        #expect(H.element("div", [], []).render() == "<div></div>")
        for tag in H.voidElements { #expect(!H.element(tag, [], []).render().contains("</")) }
    }
}
