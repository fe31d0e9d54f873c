//! Load shapes: closed loop (N connections, each sends as soon as its last answer came)
//! and open loop (a fixed rate on a schedule; latency counts from the scheduled time, so a
//! server that falls behind shows it instead of slowing the generator down). Every loop
//! ends at a deadline.

use std::sync::Barrier;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use serde::Serialize;

/// What one load run saw.
#[derive(Default)]
pub struct Samples {
    /// (start offset from the measuring window's start, latency), both in µs.
    pub lat: Vec<(u64, u64)>,
    pub errors: u64,
    pub error_samples: Vec<String>,
    /// Requests sent during the warm-up (not measured, but the server's CPU over a
    /// scenario includes them).
    pub warmup_requests: u64,
    /// From the window's start to the last completion.
    pub elapsed: Duration,
}

impl Samples {
    pub fn error(&mut self, e: String) {
        self.errors += 1;
        if self.error_samples.len() < 5 {
            self.error_samples.push(e);
        }
    }

    pub fn merge(&mut self, other: Samples) {
        self.lat.extend(other.lat);
        self.errors += other.errors;
        self.warmup_requests += other.warmup_requests;
        for e in other.error_samples {
            if self.error_samples.len() < 5 {
                self.error_samples.push(e);
            }
        }
        self.elapsed = self.elapsed.max(other.elapsed);
    }

    /// The samples whose start lies in `[from, to)` (µs from the window's start).
    pub fn window(&self, from: u64, to: u64) -> Vec<u64> {
        self.lat
            .iter()
            .filter(|(at, _)| *at >= from && *at < to)
            .map(|(_, l)| *l)
            .collect()
    }

    /// Counts one closed-loop request that ran from `t0` to `t1`: as warm-up if it started
    /// before `window`, else as a latency or an error.
    pub fn record(
        &mut self,
        window: Instant,
        t0: Instant,
        t1: Instant,
        result: Result<(), String>,
    ) {
        if t0 < window {
            self.warmup_requests += 1;
            return;
        }
        match result {
            Ok(()) => self.lat.push((micros(t0 - window), micros(t1 - t0))),
            Err(e) => self.error(e),
        }
        self.elapsed = self.elapsed.max(t1 - window);
    }

    /// Every request sent, warm-up included: what the server's CPU over the run paid for.
    pub fn sent(&self) -> u64 {
        self.lat.len() as u64 + self.errors + self.warmup_requests
    }

    pub fn summary(&self) -> Summary {
        let l = Latency::of(self.lat.iter().map(|(_, l)| *l).collect());
        let secs = self.elapsed.as_secs_f64();
        let ok = self.lat.len() as u64;
        Summary {
            requests: ok + self.errors,
            ok,
            errors: self.errors,
            error_samples: self.error_samples.clone(),
            elapsed_s: round3(secs),
            throughput_rps: if secs > 0.0 {
                round1(ok as f64 / secs)
            } else {
                0.0
            },
            p50_ms: l.p50_ms,
            p95_ms: l.p95_ms,
            p99_ms: l.p99_ms,
            max_ms: l.max_ms,
            mean_ms: l.mean_ms,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub requests: u64,
    pub ok: u64,
    pub errors: u64,
    pub error_samples: Vec<String>,
    pub elapsed_s: f64,
    pub throughput_rps: f64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub mean_ms: f64,
}

/// Percentiles (nearest rank) of latencies in µs.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Latency {
    pub count: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub mean_ms: f64,
}

impl Latency {
    pub fn of(mut us: Vec<u64>) -> Latency {
        if us.is_empty() {
            return Latency::default();
        }
        us.sort_unstable();
        let rank = |p: f64| {
            let i = ((p / 100.0) * us.len() as f64).ceil() as usize;
            us[i.clamp(1, us.len()) - 1] as f64 / 1000.0
        };
        let mean = us.iter().sum::<u64>() as f64 / us.len() as f64 / 1000.0;
        Latency {
            count: us.len(),
            p50_ms: round3(rank(50.0)),
            p95_ms: round3(rank(95.0)),
            p99_ms: round3(rank(99.0)),
            max_ms: round3(rank(100.0)),
            mean_ms: round3(mean),
        }
    }
}

pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// One request; `i` counts this worker's requests. `Err` is an error to count.
pub type Request<'a> = Box<dyn FnMut(usize) -> Result<(), String> + Send + 'a>;

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

/// `conns` workers, each sending its next request as soon as the last one answered:
/// `warmup` unmeasured, then `duration` measured (requests started in the window count).
pub fn closed_loop<'a>(
    conns: usize,
    warmup: Duration,
    duration: Duration,
    make: &(dyn Fn(usize) -> Request<'a> + Sync),
) -> Samples {
    let barrier = Barrier::new(conns + 1);
    let mut all = Samples::default();
    thread::scope(|scope| {
        let mut handles = Vec::new();
        for w in 0..conns {
            let barrier = &barrier;
            let mut request = make(w);
            handles.push(scope.spawn(move || {
                barrier.wait();
                let begin = Instant::now();
                let window = begin + warmup;
                let end = window + duration;
                let mut mine = Samples::default();
                let mut i = 0;
                loop {
                    let t0 = Instant::now();
                    if t0 >= end {
                        break;
                    }
                    let result = request(i);
                    i += 1;
                    mine.record(window, t0, Instant::now(), result);
                }
                mine
            }));
        }
        barrier.wait();
        for h in handles {
            match h.join() {
                Ok(s) => all.merge(s),
                Err(_) => all.error("a load thread panicked".into()),
            }
        }
    });
    all
}

/// `rate` requests per second on a fixed schedule from `start` for `duration` (or until
/// `stop`), sent by up to `workers` threads at once. Latency runs from the scheduled time.
pub fn open_loop<'a>(
    rate: f64,
    duration: Duration,
    workers: usize,
    stop: Option<&AtomicBool>,
    start: Instant,
    make: &(dyn Fn(usize) -> Request<'a> + Sync),
) -> Samples {
    let total = (rate * duration.as_secs_f64()).round().max(1.0) as usize;
    let next = AtomicUsize::new(0);
    let mut all = Samples::default();
    thread::scope(|scope| {
        let mut handles = Vec::new();
        for w in 0..workers {
            let next = &next;
            let mut request = make(w);
            handles.push(scope.spawn(move || {
                let mut mine = Samples::default();
                loop {
                    if stop.is_some_and(|s| s.load(Ordering::Relaxed)) {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= total {
                        break;
                    }
                    let scheduled = start + Duration::from_secs_f64(i as f64 / rate);
                    let now = Instant::now();
                    if scheduled > now {
                        thread::sleep(scheduled - now);
                    }
                    let result = request(i);
                    let done = Instant::now();
                    match result {
                        Ok(()) => mine
                            .lat
                            .push((micros(scheduled - start), micros(done - scheduled))),
                        Err(e) => mine.error(e),
                    }
                    mine.elapsed = mine.elapsed.max(done - start);
                }
                mine
            }));
        }
        for h in handles {
            match h.join() {
                Ok(s) => all.merge(s),
                Err(_) => all.error("a load thread panicked".into()),
            }
        }
    });
    all
}
