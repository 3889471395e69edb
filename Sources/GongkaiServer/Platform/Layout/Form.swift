import GongkaiCore

/// Form controls with their label, hint and error message, accessible by construction.
enum Form {
    static func csrf(_ token: String) -> Node {
        H.input(.type("hidden"), .name(CSRFMiddleware.fieldName), .value(token))
    }

    static func hidden(_ name: String, _ value: String) -> Node {
        H.input(.type("hidden"), .name(name), .value(value))
    }

    static func text(
        _ name: String, label: String, value: String = "", error: String? = nil, hint: String? = nil,
        type: String = "text", required: Bool = false, autocomplete: String? = nil, attributes: [Attribute] = []
    ) -> Node {
        field(name, label: label, error: error, hint: hint, required: required) {
            H.element("input", [
                .type(type), .name(name), .id("f-\(name)"), .value(value), .when(required, .required),
                autocomplete.map { .autocomplete($0) }, .when(error != nil, .aria("invalid", "true")),
                .when(hint != nil || error != nil, .aria("describedby", "f-\(name)-note")),
            ] + attributes, [])
        }
    }

    static func textarea(_ name: String, label: String, value: String = "", error: String? = nil, hint: String? = nil, rows: Int = 6) -> Node {
        field(name, label: label, error: error, hint: hint, required: false) {
            H.textarea(.name(name), .id("f-\(name)"), Attribute("rows", String(rows)),
                       .when(hint != nil || error != nil, .aria("describedby", "f-\(name)-note"))) { value }
        }
    }

    static func select(
        _ name: String, label: String, options: [(value: String, label: String)], selected: String?,
        error: String? = nil, hint: String? = nil, required: Bool = false
    ) -> Node {
        field(name, label: label, error: error, hint: hint, required: required) {
            H.select(.name(name), .id("f-\(name)"), .when(required, .required)) {
                for option in options {
                    H.option(.value(option.value), .when(option.value == selected, .selected)) { option.label }
                }
            }
        }
    }

    static func checkboxes(_ name: String, legend: String, options: [(value: String, label: String)], checked: Set<String>, error: String? = nil) -> Node {
        H.fieldset(.class("field")) {
            H.legend { legend }
            for option in options {
                H.label(.class("check")) {
                    H.input(.type("checkbox"), .name("\(name)[]"), .value(option.value), .when(checked.contains(option.value), .checked))
                    option.label
                }
            }
            if let error { H.p(.class("error")) { error } }
        }
    }

    static func submit(_ label: String) -> Node {
        H.div(.class("actions")) { H.button(.type("submit"), .class("primary")) { label } }
    }

    /// Errors of a whole form, listed first so a screen-reader user hears them.
    static func errorSummary(_ errors: [String: String]) -> Node {
        guard !errors.isEmpty else { return .empty }
        return H.div(.class("error-summary"), Attribute("role", "alert")) {
            H.p { "请修改以下 \(errors.count) 处后再提交：" }
            H.ul { for (_, message) in errors.sorted(by: { $0.key < $1.key }) { H.li { message } } }
        }
    }

    private static func field(_ name: String, label: String, error: String?, hint: String?, required: Bool, control: () -> Node) -> Node {
        H.div(.class(error == nil ? "field" : "field invalid")) {
            H.label(.for("f-\(name)")) {
                label
                if required { H.span(.class("req"), .aria("hidden", "true")) { " *" } }
            }
            control()
            if let error {
                H.p(.class("error"), .id("f-\(name)-note")) { error }
            } else if let hint {
                H.p(.class("hint"), .id("f-\(name)-note")) { hint }
            }
        }
    }
}
