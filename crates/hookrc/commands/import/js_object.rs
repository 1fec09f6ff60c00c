//! The plain-object shape of a JavaScript or TypeScript configuration file
//! (`module.exports = {…}`, `export default {…}`, or a `const` that one of
//! them exports), read without running it. Strings, numbers, booleans,
//! `null`, arrays, objects and commitlint's `RuleConfigSeverity.*` are
//! values; anything else (a function, a call, a variable, a spread) is kept
//! as `{"$js": "<its source>"}` so the caller can report it by name.

use serde_json::{Map, Value as Json};

/// The key of the object that stands for an expression that is not a
/// plain value.
pub(super) const JS_EXPRESSION: &str = "$js";

/// The exported object of `source`, or why there is none.
pub(super) fn exported(source: &str) -> Result<Json, String> {
    let code = strip_comments(source);
    let start = export_start(&code)?;
    let mut parser = Parser {
        code: &code,
        at: start,
    };
    let value = parser.value();
    match value {
        Json::Object(ref map) if !map.contains_key(JS_EXPRESSION) => Ok(value),
        _ => Err("its export is not a plain object".into()),
    }
}

/// Where the exported object literal starts.
fn export_start(code: &str) -> Result<usize, String> {
    let after = ["module.exports", "export default"]
        .iter()
        .find_map(|marker| code.find(marker).map(|at| at + marker.len()))
        .ok_or("it has no `module.exports =` or `export default`")?;
    let rest = code[after..].trim_start();
    let rest = rest.strip_prefix('=').unwrap_or(rest).trim_start();
    let offset = code.len() - rest.len();
    if rest.starts_with('{') {
        return Ok(offset);
    }
    let name: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
        .collect();
    if name.is_empty() {
        return Err("its export is not an object literal".into());
    }
    for keyword in ["const ", "let ", "var "] {
        let declaration = format!("{keyword}{name}");
        if let Some(at) = code.find(&declaration) {
            let tail = &code[at + declaration.len()..];
            if let Some(brace) = tail.find("= {").or_else(|| tail.find("={")) {
                let open = tail[brace..].find('{').unwrap_or(0);
                return Ok(at + declaration.len() + brace + open);
            }
        }
    }
    Err(format!(
        "`{name}`, which it exports, is not declared as an object literal"
    ))
}

/// `source` with `//` and `/* */` comments blanked (strings kept).
fn strip_comments(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            out.push(c);
            if c == '\\' {
                out.extend(chars.next());
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match (c, chars.peek()) {
            ('/', Some('/')) => {
                for skipped in chars.by_ref() {
                    if skipped == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            ('/', Some('*')) => {
                chars.next();
                let mut last = ' ';
                for skipped in chars.by_ref() {
                    if last == '*' && skipped == '/' {
                        break;
                    }
                    last = skipped;
                }
                out.push(' ');
            }
            ('"' | '\'' | '`', _) => {
                quote = Some(c);
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

struct Parser<'a> {
    code: &'a str,
    at: usize,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        self.code.get(self.at..).unwrap_or_default()
    }

    fn skip_space(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_space();
        if self.rest().starts_with(c) {
            self.at += c.len_utf8();
            true
        } else {
            false
        }
    }

    /// A value; what is not a plain value becomes `{"$js": source}`.
    fn value(&mut self) -> Json {
        self.skip_space();
        let start = self.at;
        let plain = match self.rest().chars().next() {
            Some('{') => self.object(),
            Some('[') => self.array(),
            Some(q @ ('"' | '\'' | '`')) => self.string(q).map(Json::String),
            _ => self.word(),
        };
        self.skip_space();
        let ends_here = self.rest().is_empty() || self.rest().starts_with([',', '}', ']', ';']);
        match plain {
            Some(value) if ends_here => value,
            _ => {
                self.at = start;
                self.skip_expression();
                let mut map = Map::new();
                let text = self.code.get(start..self.at).unwrap_or_default().trim();
                map.insert(JS_EXPRESSION.into(), Json::String(text.to_owned()));
                Json::Object(map)
            }
        }
    }

    fn object(&mut self) -> Option<Json> {
        self.eat('{');
        let mut map = Map::new();
        loop {
            if self.eat('}') {
                return Some(Json::Object(map));
            }
            let key = self.key()?;
            if !self.eat(':') {
                return None;
            }
            let value = self.value();
            map.insert(key, value);
            if !self.eat(',') {
                return self.eat('}').then_some(Json::Object(map));
            }
        }
    }

    fn key(&mut self) -> Option<String> {
        self.skip_space();
        if let q @ ('"' | '\'') = self.rest().chars().next()? {
            return self.string(q);
        }
        let key: String = self
            .rest()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
            .collect();
        self.at += key.len();
        (!key.is_empty()).then_some(key)
    }

    fn array(&mut self) -> Option<Json> {
        self.eat('[');
        let mut items = Vec::new();
        loop {
            if self.eat(']') {
                return Some(Json::Array(items));
            }
            items.push(self.value());
            if !self.eat(',') {
                return self.eat(']').then_some(Json::Array(items));
            }
        }
    }

    fn string(&mut self, quote: char) -> Option<String> {
        let mut out = String::new();
        let mut chars = self.rest().char_indices().skip(1);
        while let Some((at, c)) = chars.next() {
            match c {
                '\\' => match chars.next()?.1 {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    other => out.push(other),
                },
                '$' if quote == '`' && self.rest()[at..].starts_with("${") => return None,
                _ if c == quote => {
                    self.at += at + 1;
                    return Some(out);
                }
                _ => out.push(c),
            }
        }
        None
    }

    /// A number, `true`, `false`, `null` or `RuleConfigSeverity.*`.
    fn word(&mut self) -> Option<Json> {
        let word: String = self
            .rest()
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '+' | '_'))
            .collect();
        let value = match word.as_str() {
            "true" => Json::Bool(true),
            "false" => Json::Bool(false),
            "null" => Json::Null,
            "RuleConfigSeverity.Disabled" => Json::from(0),
            "RuleConfigSeverity.Warning" => Json::from(1),
            "RuleConfigSeverity.Error" => Json::from(2),
            number => serde_json::from_str::<serde_json::Number>(number)
                .ok()
                .map(Json::Number)?,
        };
        self.at += word.len();
        Some(value)
    }

    /// Past one expression: up to a `,`, `}` or `]` outside brackets and strings.
    fn skip_expression(&mut self) {
        let mut depth = 0usize;
        let mut quote: Option<char> = None;
        let mut escaped = false;
        for (at, c) in self.rest().char_indices() {
            if let Some(q) = quote {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
                continue;
            }
            match c {
                '"' | '\'' | '`' => quote = Some(c),
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' if depth > 0 => depth -= 1,
                ',' | ')' | ']' | '}' | ';' if depth == 0 => {
                    self.at += at;
                    return;
                }
                _ => {}
            }
        }
        self.at = self.code.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_objects_are_read_and_expressions_kept_apart() {
        let source = r#"
// commitlint.config.js
module.exports = {
  extends: ['@commitlint/config-conventional'], /* the base */
  rules: {
    'header-max-length': [2, 'always', 100],
    "scope-enum": [RuleConfigSeverity.Error, `always`, ["api", "cli"]],
  },
  ignores: [(commit) => commit.includes('[skip]'), "x"],
  plugins: [require('./plugin')],
};
"#;
        let value = exported(source).unwrap();
        assert_eq!(
            value,
            serde_json::json!({
                "extends": ["@commitlint/config-conventional"],
                "rules": {
                    "header-max-length": [2, "always", 100],
                    "scope-enum": [2, "always", ["api", "cli"]],
                },
                "ignores": [{"$js": "(commit) => commit.includes('[skip]')"}, "x"],
                "plugins": [{"$js": "require('./plugin')"}],
            })
        );
    }

    #[test]
    fn a_typescript_constant_that_is_exported_is_read() {
        let source = "import type { UserConfig } from '@commitlint/types';\n\nconst Configuration: UserConfig = {\n  extends: ['@commitlint/config-conventional'],\n};\n\nexport default Configuration;\n";
        assert_eq!(
            exported(source).unwrap(),
            serde_json::json!({"extends": ["@commitlint/config-conventional"]})
        );
    }

    #[test]
    fn other_shapes_are_refused_with_a_reason() {
        assert_eq!(
            exported("module.exports = makeConfig();").unwrap_err(),
            "`makeConfig`, which it exports, is not declared as an object literal"
        );
        assert_eq!(
            exported("const x = 1;").unwrap_err(),
            "it has no `module.exports =` or `export default`"
        );
    }
}
