//! `Policy::to_toml`: the effective policy as TOML, defaults filled in, in a
//! stable order (hooks in githooks(5) order, checks in order of first use).

use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

use crate::model::{Check, Policy};

impl Policy {
    /// The effective policy as TOML, every default filled in, for
    /// `hookrc config show`. Parsing it back gives an equal policy.
    pub fn to_toml(&self) -> String {
        toml::to_string(&Document(self))
            .unwrap_or_else(|error| format!("# cannot render the policy: {error}\n"))
    }
}

struct Document<'a>(&'a Policy);

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let policy = self.0;
        let mut document = serializer.serialize_struct("Policy", 4)?;
        document.serialize_field("hooks", &Hooks(policy))?;
        if policy.checks.is_empty() {
            document.skip_field("check")?;
        } else {
            document.serialize_field("check", &Checks(policy))?;
        }
        document.serialize_field("go", policy.go())?;
        document.serialize_field("changelog", policy.changelog())?;
        document.end()
    }
}

struct Hooks<'a>(&'a Policy);

impl Serialize for Hooks<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.hooks.len()))?;
        for (hook, checks) in &self.0.hooks {
            map.serialize_entry(hook, checks)?;
        }
        map.end()
    }
}

struct Checks<'a>(&'a Policy);

impl Serialize for Checks<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.checks.len()))?;
        for (name, check) in self.0.checks() {
            map.serialize_entry(name, check)?;
        }
        map.end()
    }
}

impl Serialize for Check {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Check::Conventional(check) => check.serialize(serializer),
            Check::GoFmt(check) => check.serialize(serializer),
            Check::GoVet(check) => check.serialize(serializer),
            Check::GoLint(check) => check.serialize(serializer),
            Check::GoTest(check) => check.serialize(serializer),
            Check::GoBench(check) => check.serialize(serializer),
            Check::GoBuild(check) => check.serialize(serializer),
            Check::GoMod(check) => check.serialize(serializer),
            Check::GoEnv(check) => check.serialize(serializer),
            Check::GoRelease(check) => check.serialize(serializer),
            Check::Command(check) => check.serialize(serializer),
        }
    }
}
