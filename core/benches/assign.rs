//! Automatic assignment of 500 deputies to 20 batches: the min-cost
//! assignment (Kuhn–Munkres on expanded seats), beside a naive greedy
//! first-fit in the same run, with what each leaves unplaced and how far
//! from their group it places people. Also the whole proposal through the
//! database (clash query included).
//! Run: `cargo bench -p shuxiang-core --bench assign`

use std::time::{Duration, Instant};

use shuxiang_core::people::PROFESSIONAL_GROUPS;
use shuxiang_core::training::assign::{Candidate, Plan, Slot, assign, fit, objective};

fn case(seed: u64) -> (Vec<Slot>, Vec<Candidate>) {
    let mut rng = fastrand::Rng::with_seed(seed);
    // Two batches per group and four mixed ones: 20 batches of 30.
    let mut slots: Vec<Slot> = PROFESSIONAL_GROUPS
        .iter()
        .flat_map(|g| [Some(g.to_string()), Some(g.to_string())])
        .chain([None, None, None, None])
        .enumerate()
        .map(|(i, group)| Slot {
            batch_id: i as i64 + 1,
            group,
            capacity: 30,
            enrolled: 0,
        })
        .collect();
    slots.truncate(20);
    // Unevenly sized groups: some overflow their own batches.
    let people = (0..500)
        .map(|i| {
            let g = PROFESSIONAL_GROUPS[(rng.usize(0..100) * rng.usize(0..100) / 1250).min(7)];
            Candidate {
                person_id: i,
                group: Some(g.to_string()),
                clashes: (0..slots.len())
                    .map(|_| (rng.u8(0..100) < 5).then(|| "冲突".to_string()))
                    .collect(),
                pinned: None,
            }
        })
        .collect();
    (slots, people)
}

/// First fit: own group's batches, then mixed, then any, in order.
fn greedy(slots: &[Slot], people: &[Candidate]) -> Plan {
    let mut sizes: Vec<usize> = slots.iter().map(|s| s.enrolled).collect();
    let mut placements = Vec::new();
    let mut unplaced = Vec::new();
    for p in people {
        let mut order: Vec<usize> = (0..slots.len()).collect();
        order.sort_by_key(|i| fit(slots[*i].group.as_deref(), p.group.as_deref()));
        match order
            .into_iter()
            .find(|i| p.clashes[*i].is_none() && sizes[*i] < slots[*i].capacity)
        {
            Some(i) => {
                sizes[i] += 1;
                placements.push(shuxiang_core::training::assign::Placement {
                    person_id: p.person_id,
                    batch_id: slots[i].batch_id,
                    fit: fit(slots[i].group.as_deref(), p.group.as_deref()),
                    pinned: false,
                });
            }
            None => unplaced.push(shuxiang_core::training::assign::Unplaced {
                person_id: p.person_id,
                reason: String::new(),
            }),
        }
    }
    Plan {
        placements,
        unplaced,
        sizes: slots
            .iter()
            .zip(sizes)
            .map(|(s, n)| (s.batch_id, n))
            .collect(),
    }
}

fn time(rounds: usize, mut f: impl FnMut() -> Plan) -> (Duration, Duration, Plan) {
    let mut samples = Vec::new();
    let mut plan = None;
    for _ in 0..rounds {
        let t = Instant::now();
        plan = Some(f());
        samples.push(t.elapsed());
    }
    samples.sort();
    let p = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    (p(0.5), p(0.95), plan.expect("ran"))
}

fn main() {
    let (slots, people) = case(2026);
    println!(
        "assigning {} deputies to {} batches ({} seats)",
        people.len(),
        slots.len(),
        slots.iter().map(|s| s.capacity).sum::<usize>()
    );
    let (p50, p95, plan) = time(15, || assign(&slots, &people));
    let (g50, g95, naive) = time(15, || greedy(&slots, &people));
    let spread = |plan: &Plan| {
        let sizes: Vec<usize> = plan.sizes.iter().map(|(_, n)| *n).collect();
        sizes.iter().max().unwrap_or(&0) - sizes.iter().min().unwrap_or(&0)
    };
    for (name, p50, p95, plan) in [
        ("min-cost assignment", p50, p95, &plan),
        ("naive greedy      ", g50, g95, &naive),
    ] {
        let (out, misfit, balance) = objective(&slots, &people, plan);
        println!(
            "{name}: p50 {:>7.1} ms  p95 {:>7.1} ms  unplaced {out:>3}  group misfit {misfit:>4}  balance {balance:>6}  size spread {}",
            p50.as_secs_f64() * 1e3,
            p95.as_secs_f64() * 1e3,
            spread(plan)
        );
    }
    println!("budget: 200 ms for 500 deputies and 20 batches");
}
