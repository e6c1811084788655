//! Which IP addresses may be fetched, and a name resolver that enforces it.
//!
//! The check runs on IP literals before a connection is attempted (see `probe.rs`) and on every
//! address that DNS returns (see [`GuardedResolver`]), so a public-looking name that resolves to
//! `127.0.0.1` or `169.254.169.254` is never connected to, and neither is a redirect hop to one.

use std::collections::HashMap;
use std::fmt;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// What kind of address an IP is, as far as fetching it is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AddrClass {
    Public,
    Loopback,
    Private,
    LinkLocal,
    UniqueLocal,
    Unspecified,
    Multicast,
    Reserved,
}

impl AddrClass {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            AddrClass::Public => "public",
            AddrClass::Loopback => "loopback",
            AddrClass::Private => "private",
            AddrClass::LinkLocal => "link-local",
            AddrClass::UniqueLocal => "unique-local",
            AddrClass::Unspecified => "unspecified",
            AddrClass::Multicast => "multicast",
            AddrClass::Reserved => "reserved",
        }
    }
}

pub(crate) fn classify(ip: IpAddr) -> AddrClass {
    match ip {
        IpAddr::V4(v4) => classify_v4(v4),
        IpAddr::V6(v6) => classify_v6(v6),
    }
}

fn classify_v4(ip: Ipv4Addr) -> AddrClass {
    let [a, b, c, _] = ip.octets();
    match (a, b, c) {
        (0, _, _) => AddrClass::Unspecified, // "this network", 0.0.0.0 reaches the local host
        (127, _, _) => AddrClass::Loopback,
        (10, _, _) | (172, 16..=31, _) | (192, 168, _) => AddrClass::Private,
        (100, 64..=127, _) => AddrClass::Private, // shared address space (carrier-grade NAT)
        (169, 254, _) => AddrClass::LinkLocal,    // includes cloud metadata 169.254.169.254
        (224..=239, _, _) => AddrClass::Multicast,
        (240..=255, _, _) => AddrClass::Reserved, // includes broadcast
        (192, 0, 0) | (192, 0, 2) | (198, 51, 100) | (203, 0, 113) | (198, 18..=19, _) => {
            AddrClass::Reserved // protocol assignments, documentation, benchmarking
        }
        _ => AddrClass::Public,
    }
}

fn embedded_v4(segs: &[u16]) -> Ipv4Addr {
    let (hi, lo) = (segs[0], segs[1]);
    Ipv4Addr::new((hi >> 8) as u8, hi as u8, (lo >> 8) as u8, lo as u8)
}

fn classify_v6(ip: Ipv6Addr) -> AddrClass {
    if ip.is_unspecified() {
        return AddrClass::Unspecified;
    }
    if ip.is_loopback() {
        return AddrClass::Loopback;
    }
    if let Some(v4) = ip.to_ipv4_mapped() {
        return classify_v4(v4); // ::ffff:a.b.c.d
    }
    let s = ip.segments();
    if s[..6].iter().all(|&x| x == 0) {
        return classify_v4(embedded_v4(&s[6..])); // deprecated IPv4-compatible ::a.b.c.d
    }
    if s[0] == 0x64 && s[1] == 0xff9b {
        if s[2..6].iter().all(|&x| x == 0) {
            return classify_v4(embedded_v4(&s[6..])); // NAT64 64:ff9b::a.b.c.d
        }
        return AddrClass::Private; // 64:ff9b:1::/48, local-use NAT64
    }
    if s[0] == 0x2002 {
        // 6to4 2002:AABB:CCDD::/48 carries an IPv4 address
        return classify_v4(embedded_v4(&s[1..3]));
    }
    match s[0] {
        x if x & 0xfe00 == 0xfc00 => AddrClass::UniqueLocal, // fc00::/7
        x if x & 0xffc0 == 0xfe80 => AddrClass::LinkLocal,   // fe80::/10
        x if x & 0xffc0 == 0xfec0 => AddrClass::Private,     // fec0::/10, old site-local
        x if x & 0xff00 == 0xff00 => AddrClass::Multicast,   // ff00::/8
        0x2001 if s[1] == 0x0db8 => AddrClass::Reserved,     // documentation
        0x2001 if s[1] == 0 => AddrClass::Reserved,          // Teredo: tunnels to anywhere
        0x0100 if s[1..4].iter().all(|&x| x == 0) => AddrClass::Reserved, // discard-only
        _ => AddrClass::Public,
    }
}

/// Which non-public addresses may be fetched.
#[derive(Clone, Copy, Debug)]
pub(crate) struct AddrPolicy {
    pub(crate) allow_private: bool,
    pub(crate) allow_loopback: bool,
}

impl AddrPolicy {
    /// `Err(class)` when the address must not be fetched.
    pub(crate) fn check(&self, ip: IpAddr) -> Result<(), AddrClass> {
        match classify(ip) {
            AddrClass::Public => Ok(()),
            _ if self.allow_private => Ok(()),
            AddrClass::Loopback if self.allow_loopback => Ok(()),
            class => Err(class),
        }
    }
}

/// The error a [`GuardedResolver`] returns (inside an `io::Error` of kind `PermissionDenied`)
/// when every address of a name is refused.
#[derive(Debug)]
pub(crate) struct BlockedAddr {
    pub(crate) ip: IpAddr,
    pub(crate) class: AddrClass,
}

impl fmt::Display for BlockedAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} is a {} address", self.ip, self.class.describe())
    }
}

impl std::error::Error for BlockedAddr {}

/// How long the addresses a name resolved to are used again without a new lookup: a minute, as
/// browsers keep them. A run's requests to one host then cost one lookup, not one each (ureq
/// resolves before it looks for a pooled connection, and its resolver starts a thread for every
/// lookup that has a timeout).
const KEEP_ADDRESSES: Duration = Duration::from_secs(60);

/// The system resolver, with every refused address dropped from its answer. When none is left
/// the lookup fails with [`BlockedAddr`], so the connector never sees a refused address. The
/// addresses kept are remembered for [`KEEP_ADDRESSES`]; failures are not, so a retry looks up
/// again.
#[derive(Debug)]
pub(crate) struct GuardedResolver<R = DefaultResolver> {
    policy: AddrPolicy,
    inner: R,
    keep_for: Duration,
    known: Mutex<HashMap<String, (Instant, ResolvedSocketAddrs)>>,
}

impl GuardedResolver {
    pub(crate) fn new(policy: AddrPolicy) -> Self {
        GuardedResolver::with_inner(policy, DefaultResolver::default(), KEEP_ADDRESSES)
    }
}

impl<R: Resolver> GuardedResolver<R> {
    fn with_inner(policy: AddrPolicy, inner: R, keep_for: Duration) -> Self {
        GuardedResolver {
            policy,
            inner,
            keep_for,
            known: Mutex::new(HashMap::new()),
        }
    }

    fn known(&self) -> MutexGuard<'_, HashMap<String, (Instant, ResolvedSocketAddrs)>> {
        self.known.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The addresses `key` resolved to less than `keep_for` ago.
    fn recall(&self, key: &str) -> Option<ResolvedSocketAddrs> {
        let known = self.known();
        let (at, addrs) = known.get(key)?;
        (at.elapsed() < self.keep_for).then(|| addrs.clone())
    }

    /// A lookup by the inner resolver, refused addresses dropped.
    fn lookup(
        &self,
        uri: &Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let found = self.inner.resolve(uri, config, timeout)?;
        let mut kept = self.empty();
        let mut refused = None;
        for addr in found.iter() {
            match self.policy.check(addr.ip()) {
                Ok(()) => kept.push(*addr),
                Err(class) => {
                    refused.get_or_insert(BlockedAddr {
                        ip: addr.ip(),
                        class,
                    });
                }
            }
        }
        if kept.is_empty() {
            return Err(match refused {
                Some(blocked) => {
                    ureq::Error::Io(io::Error::new(io::ErrorKind::PermissionDenied, blocked))
                }
                None => ureq::Error::HostNotFound,
            });
        }
        Ok(kept)
    }
}

/// `host:port` of a request URI, the port the scheme's when none is written.
fn lookup_key(uri: &Uri) -> Option<String> {
    let host = uri.host()?;
    let port = uri.port_u16().or(match uri.scheme_str() {
        Some("https") => Some(443),
        Some("http") => Some(80),
        _ => None,
    })?;
    Some(format!("{}:{port}", host.to_ascii_lowercase()))
}

impl<R: Resolver> Resolver for GuardedResolver<R> {
    fn resolve(
        &self,
        uri: &Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let key = lookup_key(uri);
        if let Some(addrs) = key.as_deref().and_then(|k| self.recall(k)) {
            return Ok(addrs);
        }
        let kept = self.lookup(uri, config, timeout)?;
        if let Some(key) = key {
            self.known().insert(key, (Instant::now(), kept.clone()));
        }
        Ok(kept)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(s: &str) -> AddrClass {
        classify(s.parse().unwrap())
    }

    #[test]
    fn classifies_ipv4() {
        assert_eq!(class("8.8.8.8"), AddrClass::Public);
        assert_eq!(class("1.1.1.1"), AddrClass::Public);
        assert_eq!(class("172.32.0.1"), AddrClass::Public);
        assert_eq!(class("127.0.0.1"), AddrClass::Loopback);
        assert_eq!(class("127.255.0.9"), AddrClass::Loopback);
        assert_eq!(class("10.1.2.3"), AddrClass::Private);
        assert_eq!(class("172.16.0.1"), AddrClass::Private);
        assert_eq!(class("172.31.255.255"), AddrClass::Private);
        assert_eq!(class("192.168.1.1"), AddrClass::Private);
        assert_eq!(class("100.64.0.1"), AddrClass::Private);
        assert_eq!(class("169.254.169.254"), AddrClass::LinkLocal);
        assert_eq!(class("0.0.0.0"), AddrClass::Unspecified);
        assert_eq!(class("224.0.0.1"), AddrClass::Multicast);
        assert_eq!(class("255.255.255.255"), AddrClass::Reserved);
        assert_eq!(class("192.0.2.1"), AddrClass::Reserved);
    }

    #[test]
    fn classifies_ipv6_and_embedded_ipv4() {
        assert_eq!(class("2606:4700::1111"), AddrClass::Public);
        assert_eq!(class("::1"), AddrClass::Loopback);
        assert_eq!(class("::"), AddrClass::Unspecified);
        assert_eq!(class("fe80::1"), AddrClass::LinkLocal);
        assert_eq!(class("fd00::1"), AddrClass::UniqueLocal);
        assert_eq!(class("fc00::1"), AddrClass::UniqueLocal);
        assert_eq!(class("ff02::1"), AddrClass::Multicast);
        assert_eq!(class("::ffff:127.0.0.1"), AddrClass::Loopback);
        assert_eq!(class("::ffff:169.254.169.254"), AddrClass::LinkLocal);
        assert_eq!(class("::ffff:10.0.0.1"), AddrClass::Private);
        assert_eq!(class("::ffff:8.8.8.8"), AddrClass::Public);
        assert_eq!(class("::127.0.0.1"), AddrClass::Loopback);
        assert_eq!(class("64:ff9b::a9fe:a9fe"), AddrClass::LinkLocal);
        assert_eq!(class("64:ff9b::808:808"), AddrClass::Public);
        assert_eq!(class("2002:7f00:1::"), AddrClass::Loopback);
        assert_eq!(class("2002:0808:0808::1"), AddrClass::Public);
        assert_eq!(class("2001:db8::1"), AddrClass::Reserved);
    }

    #[test]
    fn policy_allows_what_it_is_told() {
        let strict = AddrPolicy {
            allow_private: false,
            allow_loopback: false,
        };
        let loopback = AddrPolicy {
            allow_private: false,
            allow_loopback: true,
        };
        let open = AddrPolicy {
            allow_private: true,
            allow_loopback: false,
        };
        let lo: IpAddr = "127.0.0.1".parse().unwrap();
        let lo6: IpAddr = "::ffff:127.0.0.1".parse().unwrap();
        let meta: IpAddr = "169.254.169.254".parse().unwrap();
        let public: IpAddr = "93.184.215.14".parse().unwrap();
        assert_eq!(strict.check(lo), Err(AddrClass::Loopback));
        assert_eq!(strict.check(lo6), Err(AddrClass::Loopback));
        assert_eq!(strict.check(meta), Err(AddrClass::LinkLocal));
        assert_eq!(strict.check(public), Ok(()));
        assert_eq!(loopback.check(lo), Ok(()));
        assert_eq!(loopback.check(lo6), Ok(()));
        assert_eq!(loopback.check(meta), Err(AddrClass::LinkLocal));
        assert_eq!(open.check(meta), Ok(()));
        assert_eq!(open.check(lo), Ok(()));
    }
    /// A resolver that answers every name with one address and counts its lookups.
    #[derive(Debug)]
    struct Counting {
        answer: &'static str,
        lookups: std::sync::atomic::AtomicUsize,
    }

    impl Resolver for Counting {
        fn resolve(
            &self,
            _: &Uri,
            _: &ureq::config::Config,
            _: NextTimeout,
        ) -> Result<ResolvedSocketAddrs, ureq::Error> {
            self.lookups
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let mut found = self.empty();
            found.push(self.answer.parse().unwrap());
            Ok(found)
        }
    }

    fn guarded(answer: &'static str, keep_for: Duration) -> GuardedResolver<Counting> {
        let inner = Counting {
            answer,
            lookups: Default::default(),
        };
        let policy = AddrPolicy {
            allow_private: false,
            allow_loopback: false,
        };
        GuardedResolver::with_inner(policy, inner, keep_for)
    }

    fn resolve<R: Resolver>(r: &GuardedResolver<R>, uri: &str) -> Result<Vec<String>, String> {
        let uri: Uri = uri.parse().unwrap();
        r.resolve(
            &uri,
            &ureq::config::Config::default(),
            NextTimeout::default(),
        )
        .map(|found| found.iter().map(ToString::to_string).collect())
        .map_err(|e| e.to_string())
    }

    fn lookups(r: &GuardedResolver<Counting>) -> usize {
        r.inner.lookups.load(std::sync::atomic::Ordering::SeqCst)
    }

    #[test]
    fn a_host_is_looked_up_once_per_port_while_its_addresses_are_kept() {
        let r = guarded("93.184.215.14:443", KEEP_ADDRESSES);
        for path in ["/a", "/b?q=1", "/c"] {
            let uri = format!("https://Example.com{path}");
            assert_eq!(resolve(&r, &uri).unwrap(), ["93.184.215.14:443"]);
        }
        assert_eq!(lookups(&r), 1);
        resolve(&r, "http://example.com/").unwrap();
        resolve(&r, "https://example.com:8443/").unwrap();
        resolve(&r, "https://other.example/").unwrap();
        assert_eq!(lookups(&r), 4);
    }

    #[test]
    fn addresses_are_looked_up_again_once_their_time_is_up() {
        let r = guarded("93.184.215.14:443", Duration::ZERO);
        resolve(&r, "https://example.com/").unwrap();
        resolve(&r, "https://example.com/").unwrap();
        assert_eq!(lookups(&r), 2);
    }

    #[test]
    fn refused_addresses_are_refused_every_time_and_never_kept() {
        let r = guarded("169.254.169.254:80", KEEP_ADDRESSES);
        for _ in 0..2 {
            let e = resolve(&r, "http://metadata.example/").unwrap_err();
            assert!(e.contains("169.254.169.254 is a link-local address"), "{e}");
        }
        assert_eq!(lookups(&r), 2);
        assert!(r.known().is_empty());
    }
}
