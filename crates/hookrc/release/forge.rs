//! Links to commits and compare views, from the remote's URL alone (no
//! network): GitHub, GitLab, Gitea (and Forgejo, Codeberg) and Bitbucket,
//! recognised by host name; any other host gets no links.

/// A forge and the web address of the repository on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Forge {
    kind: Kind,
    /// `https://host/owner/name`, without `.git` or a trailing `/`.
    base: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    GitHub,
    GitLab,
    Gitea,
    Bitbucket,
}

impl Forge {
    /// The forge a remote URL points to: `https://github.com/o/r.git`,
    /// `git@github.com:o/r.git`, `ssh://git@gitlab.com/g/s/r.git`, …
    pub(crate) fn from_remote(url: &str) -> Option<Forge> {
        let (host, path) = split_url(url.trim())?;
        let path = path.trim_matches('/');
        let path = path.strip_suffix(".git").unwrap_or(path);
        let kind = kind_of(&host.to_ascii_lowercase())?;
        if path.is_empty() || !path.contains('/') {
            return None;
        }
        Some(Forge {
            kind,
            base: format!("https://{host}/{path}"),
        })
    }

    /// The page of one commit.
    pub(crate) fn commit(&self, id: &str) -> String {
        match self.kind {
            Kind::GitHub | Kind::Gitea => format!("{}/commit/{id}", self.base),
            Kind::GitLab => format!("{}/-/commit/{id}", self.base),
            Kind::Bitbucket => format!("{}/commits/{id}", self.base),
        }
    }

    /// The changes from `from` to `to` (tags or ids).
    pub(crate) fn compare(&self, from: &str, to: &str) -> String {
        match self.kind {
            Kind::GitHub | Kind::Gitea => format!("{}/compare/{from}...{to}", self.base),
            Kind::GitLab => format!("{}/-/compare/{from}...{to}", self.base),
            Kind::Bitbucket => format!("{}/branches/compare/{to}%0D{from}", self.base),
        }
    }
}

fn kind_of(host: &str) -> Option<Kind> {
    let kind = if host == "github.com" || host.starts_with("github.") {
        Kind::GitHub
    } else if host.contains("gitlab") {
        Kind::GitLab
    } else if host.contains("bitbucket") {
        Kind::Bitbucket
    } else if ["gitea", "forgejo", "codeberg"]
        .iter()
        .any(|name| host.contains(name))
    {
        Kind::Gitea
    } else {
        return None;
    };
    Some(kind)
}

/// The host (without user or port) and the path of a URL or scp-like
/// address.
fn split_url(url: &str) -> Option<(String, &str)> {
    let (authority, path) = if let Some((_, rest)) = url.split_once("://") {
        rest.split_once('/')?
    } else {
        // scp-like: [user@]host:path
        let (authority, path) = url.split_once(':')?;
        (authority, path)
    };
    let host = authority.rsplit('@').next()?;
    let host = host.split(':').next()?;
    (!host.is_empty()).then(|| (host.to_owned(), path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_forges_from_any_url_form() {
        let github = Forge::from_remote("git@github.com:acme/tool.git").unwrap();
        assert_eq!(
            github.compare("v1.0.0", "v1.1.0"),
            "https://github.com/acme/tool/compare/v1.0.0...v1.1.0"
        );
        assert_eq!(
            Forge::from_remote("https://github.com/acme/tool").unwrap(),
            github
        );
        let gitlab = Forge::from_remote("ssh://git@gitlab.com:2222/g/sub/r.git").unwrap();
        assert_eq!(
            gitlab.commit("abc"),
            "https://gitlab.com/g/sub/r/-/commit/abc"
        );
        let bitbucket = Forge::from_remote("https://me@bitbucket.org/team/r.git").unwrap();
        assert_eq!(
            bitbucket.compare("a", "b"),
            "https://bitbucket.org/team/r/branches/compare/b%0Da"
        );
        let gitea = Forge::from_remote("https://codeberg.org/x/y.git").unwrap();
        assert_eq!(gitea.commit("abc"), "https://codeberg.org/x/y/commit/abc");
        assert_eq!(Forge::from_remote("/srv/git/r.git"), None);
        assert_eq!(Forge::from_remote("https://example.com/a/b.git"), None);
    }
}
