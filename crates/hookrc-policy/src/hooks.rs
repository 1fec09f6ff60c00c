//! The git hook names a policy may list, and what to say about the others.

/// Every client-side hook githooks(5) documents, in its order.
///
/// Left out on purpose: the receive-side hooks of a server (`pre-receive`,
/// `update`, `proc-receive`, `post-receive`, `post-update`) and
/// `fsmonitor-watchman`, whose output git parses as data. `push-to-checkout`
/// is in: it runs in a non-bare repository that receives a push, which is a
/// working copy hookrc may manage.
pub const CLIENT_HOOKS: &[&str] = &[
    "applypatch-msg",
    "pre-applypatch",
    "post-applypatch",
    "pre-commit",
    "pre-merge-commit",
    "prepare-commit-msg",
    "commit-msg",
    "post-commit",
    "pre-rebase",
    "post-checkout",
    "post-merge",
    "pre-push",
    "reference-transaction",
    "push-to-checkout",
    "pre-auto-gc",
    "post-rewrite",
    "sendemail-validate",
    "p4-changelist",
    "p4-prepare-changelist",
    "p4-post-changelist",
    "p4-pre-submit",
    "post-index-change",
];

const SERVER_HOOKS: &[&str] = &[
    "pre-receive",
    "update",
    "proc-receive",
    "post-receive",
    "post-update",
];

/// Why `name` is not a hook hookrc runs, and a hint, or `None` when it is one.
pub(crate) fn reject(name: &str) -> Option<(String, String)> {
    if CLIENT_HOOKS.contains(&name) {
        return None;
    }
    if SERVER_HOOKS.contains(&name) {
        return Some((
            format!("`{name}` is a server-side hook"),
            "hookrc runs client hooks; enforce the same checks on the server with \
             `hookrc lint-commits` or `hookrc run` in CI"
                .into(),
        ));
    }
    if name == "fsmonitor-watchman" {
        return Some((
            "`fsmonitor-watchman` cannot run checks".into(),
            "git reads this hook's output as file-system data; leave it to watchman".into(),
        ));
    }
    let help =
        crate::suggest::did_you_mean(name, CLIENT_HOOKS.iter().copied()).unwrap_or_else(|| {
            format!(
                "git's client hooks are {}",
                crate::suggest::one_of(CLIENT_HOOKS)
            )
        });
    Some((format!("unknown hook `{name}`"), help))
}

/// The position of `hook` in [`CLIENT_HOOKS`] (for a stable order).
pub(crate) fn rank(hook: &str) -> usize {
    CLIENT_HOOKS
        .iter()
        .position(|known| *known == hook)
        .unwrap_or(CLIENT_HOOKS.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_client_hook_is_accepted_and_others_are_explained() {
        assert!(CLIENT_HOOKS.iter().all(|hook| reject(hook).is_none()));
        assert!(reject("pre-receive").unwrap().0.contains("server-side"));
        assert_eq!(reject("pre-comit").unwrap().1, "did you mean `pre-commit`?");
    }
}
