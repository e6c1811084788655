//! A work queue with a per-host limit: each worker thread takes the next job whose host has a
//! free slot, round-robin over hosts, so one slow or crowded host never stalls the others.
//!
//! A worker holds at most one slot at a time (it gives up the slot of one redirect hop before it
//! waits for the next hop's host), so workers cannot deadlock on each other's hosts.

use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex, MutexGuard};

pub(crate) struct Scheduler<J> {
    max_per_host: usize,
    state: Mutex<State<J>>,
    wake: Condvar,
}

struct State<J> {
    hosts: HashMap<String, HostState<J>>,
    /// Hosts that have pending jobs and (when queued) had a free slot.
    ready: VecDeque<String>,
    pending: usize,
}

struct HostState<J> {
    pending: VecDeque<J>,
    active: usize,
    queued: bool,
}

impl<J> HostState<J> {
    fn new() -> Self {
        HostState {
            pending: VecDeque::new(),
            active: 0,
            queued: false,
        }
    }
}

/// A slot on one host; given back when dropped.
pub(crate) struct Slot<'a, J> {
    sched: &'a Scheduler<J>,
    host: String,
}

impl<J> Slot<'_, J> {
    pub(crate) fn host(&self) -> &str {
        &self.host
    }
}

impl<J> Drop for Slot<'_, J> {
    fn drop(&mut self) {
        self.sched.release(&self.host);
    }
}

impl<J> Scheduler<J> {
    /// `jobs`: (host key, job), in the order they should start within a host.
    pub(crate) fn new(jobs: impl IntoIterator<Item = (String, J)>, max_per_host: usize) -> Self {
        let mut st = State {
            hosts: HashMap::new(),
            ready: VecDeque::new(),
            pending: 0,
        };
        for (host, job) in jobs {
            let h = st.hosts.entry(host.clone()).or_insert_with(HostState::new);
            h.pending.push_back(job);
            st.pending += 1;
            if !h.queued {
                h.queued = true;
                st.ready.push_back(host);
            }
        }
        Scheduler {
            max_per_host: max_per_host.max(1),
            state: Mutex::new(st),
            wake: Condvar::new(),
        }
    }

    /// How many jobs could run at once: a slot on every host that has jobs.
    pub(crate) fn capacity(&self) -> usize {
        self.lock().hosts.len().saturating_mul(self.max_per_host)
    }

    fn lock(&self) -> MutexGuard<'_, State<J>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The next job and a slot on its host; `None` when no job is left to start.
    pub(crate) fn next(&self) -> Option<(J, Slot<'_, J>)> {
        let mut st = self.lock();
        loop {
            if st.pending == 0 {
                return None;
            }
            while let Some(host) = st.ready.pop_front() {
                let max = self.max_per_host;
                let Some(h) = st.hosts.get_mut(&host) else {
                    continue;
                };
                h.queued = false;
                if h.active >= max {
                    continue; // queued again by `release`
                }
                let Some(job) = h.pending.pop_front() else {
                    continue;
                };
                h.active += 1;
                let requeue = !h.pending.is_empty() && h.active < max;
                if requeue {
                    h.queued = true;
                }
                st.pending -= 1;
                if requeue {
                    st.ready.push_back(host.clone());
                }
                return Some((job, Slot { sched: self, host }));
            }
            st = self.wake.wait(st).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Waits for a slot on `host` (for a redirect hop). Never call it while holding a slot.
    pub(crate) fn acquire(&self, host: &str) -> Slot<'_, J> {
        let mut st = self.lock();
        loop {
            let h = st
                .hosts
                .entry(host.to_string())
                .or_insert_with(HostState::new);
            if h.active < self.max_per_host {
                h.active += 1;
                return Slot {
                    sched: self,
                    host: host.to_string(),
                };
            }
            st = self.wake.wait(st).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn release(&self, host: &str) {
        let mut st = self.lock();
        let st = &mut *st;
        if let Some(h) = st.hosts.get_mut(host) {
            h.active = h.active.saturating_sub(1);
            if !h.pending.is_empty() && !h.queued && h.active < self.max_per_host {
                h.queued = true;
                st.ready.push_back(host.to_string());
            }
        }
        self.wake.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[test]
    fn respects_per_host_limit_and_runs_everything() {
        let jobs: Vec<(String, usize)> = (0..60).map(|i| (format!("h{}", i % 3), i)).collect();
        let sched = Scheduler::new(jobs, 2);
        assert_eq!(sched.capacity(), 6, "3 hosts, 2 slots each");
        let active: Vec<AtomicUsize> = (0..3).map(|_| AtomicUsize::new(0)).collect();
        let peak: Vec<AtomicUsize> = (0..3).map(|_| AtomicUsize::new(0)).collect();
        let done = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..16 {
                s.spawn(|| {
                    while let Some((job, slot)) = sched.next() {
                        let h: usize = slot.host()[1..].parse().unwrap();
                        assert_eq!(h, job % 3);
                        let now = active[h].fetch_add(1, Ordering::SeqCst) + 1;
                        peak[h].fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(2));
                        active[h].fetch_sub(1, Ordering::SeqCst);
                        drop(slot);
                        done.fetch_add(1, Ordering::SeqCst);
                    }
                });
            }
        });
        assert_eq!(done.load(Ordering::SeqCst), 60);
        for p in &peak {
            assert!(p.load(Ordering::SeqCst) <= 2);
        }
    }
}
