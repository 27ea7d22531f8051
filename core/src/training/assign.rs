//! Automatic assignment of deputies to a topic's batches, as a min-cost
//! assignment on expanded seats (Kuhn–Munkres, from `pathfinding`).
//!
//! Hard rules: a batch's capacity, no clash (a deputy is never put in a
//! batch whose sessions overlap something they are bound to), pinned
//! choices kept. Then, in this order: place as many deputies as possible;
//! place each in a batch of their own professional group where possible (a
//! mixed batch next, another group's batch last); balance batch sizes.
//!
//! Each free seat of a batch is a column whose cost grows with the seat's
//! number (the batch's size once it is taken), so filling batches evenly is
//! cheapest; the weights are chosen so that one more deputy placed always
//! outweighs any group preference, and a better group always outweighs any
//! balance. Leaving someone out costs as much as a seat they cannot take.

use pathfinding::prelude::{Matrix, kuhn_munkres_min};
use serde::Serialize;

/// A batch as the assignment sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub batch_id: i64,
    /// The batch's professional group; `None` for a mixed batch.
    pub group: Option<String>,
    pub capacity: usize,
    /// Enrolled before this assignment (pinned ones included).
    pub enrolled: usize,
}

/// A deputy to place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub person_id: i64,
    pub group: Option<String>,
    /// Per slot (same order): why the deputy cannot attend it (a clash), if so.
    pub clashes: Vec<Option<String>>,
    /// A batch the organizer chose for them: kept if possible.
    pub pinned: Option<i64>,
}

/// One deputy placed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Placement {
    pub person_id: i64,
    pub batch_id: i64,
    /// 0 own group, 1 a mixed batch, 2 another group's batch.
    pub fit: u8,
    pub pinned: bool,
}

/// One deputy left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unplaced {
    pub person_id: i64,
    pub reason: String,
}

/// The proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plan {
    pub placements: Vec<Placement>,
    pub unplaced: Vec<Unplaced>,
    /// Each batch's size after the placements, in slot order.
    pub sizes: Vec<(i64, usize)>,
}

/// How well a batch fits a deputy: 0 own group, 1 mixed, 2 another group.
pub fn fit(batch_group: Option<&str>, person_group: Option<&str>) -> u8 {
    match batch_group {
        None => 1,
        Some(g) if Some(g) == person_group => 0,
        Some(_) => 2,
    }
}

/// The objective, lexicographic: (left out, group misfit, Σ seat numbers).
pub fn objective(slots: &[Slot], people: &[Candidate], plan: &Plan) -> (usize, u64, u64) {
    let misfit = plan.placements.iter().map(|p| u64::from(p.fit)).sum();
    let balance = slots
        .iter()
        .zip(&plan.sizes)
        .map(|(s, (_, size))| ((s.enrolled + 1)..=*size).map(|k| k as u64).sum::<u64>())
        .sum();
    let _ = people;
    (plan.unplaced.len(), misfit, balance)
}

/// Proposes a placement of `people` in `slots`.
pub fn assign(slots: &[Slot], people: &[Candidate]) -> Plan {
    let mut sizes: Vec<usize> = slots.iter().map(|s| s.enrolled).collect();
    let mut placements = Vec::new();
    let mut unplaced = Vec::new();
    let mut free_people = Vec::new();
    // Pinned choices first: kept when the batch has room and no clash.
    for person in people {
        let Some(batch) = person.pinned else {
            free_people.push(person);
            continue;
        };
        match slots.iter().position(|s| s.batch_id == batch) {
            Some(i) if person.clashes[i].is_some() => unplaced.push(Unplaced {
                person_id: person.person_id,
                reason: format!(
                    "指定的批次时间冲突：{}",
                    person.clashes[i].as_deref().unwrap_or("")
                ),
            }),
            Some(i) if sizes[i] >= slots[i].capacity => unplaced.push(Unplaced {
                person_id: person.person_id,
                reason: "指定的批次已满".into(),
            }),
            Some(i) => {
                sizes[i] += 1;
                placements.push(Placement {
                    person_id: person.person_id,
                    batch_id: batch,
                    fit: fit(slots[i].group.as_deref(), person.group.as_deref()),
                    pinned: true,
                });
            }
            None => free_people.push(person),
        }
    }
    // The free seats, each a column: (slot, the batch's size once taken).
    let seats: Vec<(usize, usize)> = slots
        .iter()
        .enumerate()
        .flat_map(|(i, s)| ((sizes[i] + 1)..=s.capacity).map(move |k| (i, k)))
        .collect();
    let n = free_people.len();
    if n > 0 && !seats.is_empty() {
        let max_size = slots.iter().map(|s| s.capacity).max().unwrap_or(1) as i64;
        let balance_bound = seats.len() as i64 * max_size;
        let w_group = balance_bound + 1;
        let w_out = n as i64 * (2 * w_group + max_size) + 1;
        let columns = seats.len().max(n);
        let mut costs = Vec::with_capacity(n * columns);
        for person in &free_people {
            for c in 0..columns {
                costs.push(match seats.get(c) {
                    Some(&(i, k)) if person.clashes[i].is_none() => {
                        i64::from(fit(slots[i].group.as_deref(), person.group.as_deref())) * w_group
                            + k as i64
                    }
                    // A seat they cannot take, or no seat at all: left out.
                    _ => w_out,
                });
            }
        }
        let matrix = Matrix::from_vec(n, columns, costs).expect("rows × columns costs");
        let (_, chosen) = kuhn_munkres_min(&matrix);
        // Seats of a batch are interchangeable: count, then number them.
        for (person, &c) in free_people.iter().zip(&chosen) {
            match seats.get(c) {
                Some(&(i, _)) if person.clashes[i].is_none() => {
                    sizes[i] += 1;
                    placements.push(Placement {
                        person_id: person.person_id,
                        batch_id: slots[i].batch_id,
                        fit: fit(slots[i].group.as_deref(), person.group.as_deref()),
                        pinned: false,
                    });
                }
                _ => unplaced.push(Unplaced {
                    person_id: person.person_id,
                    reason: why_not(slots, person),
                }),
            }
        }
    } else {
        for person in free_people {
            unplaced.push(Unplaced {
                person_id: person.person_id,
                reason: why_not(slots, person),
            });
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

fn why_not(slots: &[Slot], person: &Candidate) -> String {
    if slots.is_empty() {
        return "这个专题还没有批次".into();
    }
    if person.clashes.iter().all(Option::is_some) {
        let each: Vec<String> = person
            .clashes
            .iter()
            .flatten()
            .map(String::to_owned)
            .collect();
        return format!("与每个批次都有时间冲突：{}", each.join("；"));
    }
    "没有空位：能参加的批次都已满".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GROUPS: [&str; 3] = ["司法监督", "经济发展", "乡村振兴"];

    fn slot(id: i64, group: Option<&str>, capacity: usize, enrolled: usize) -> Slot {
        Slot {
            batch_id: id,
            group: group.map(str::to_owned),
            capacity,
            enrolled,
        }
    }

    fn person(id: i64, group: &str, slots: usize) -> Candidate {
        Candidate {
            person_id: id,
            group: Some(group.into()),
            clashes: vec![None; slots],
            pinned: None,
        }
    }

    fn check_rules(slots: &[Slot], people: &[Candidate], plan: &Plan) {
        for (s, (_, size)) in slots.iter().zip(&plan.sizes) {
            assert!(*size <= s.capacity, "batch {} over capacity", s.batch_id);
        }
        for p in &plan.placements {
            let c = people.iter().find(|c| c.person_id == p.person_id).unwrap();
            let i = slots.iter().position(|s| s.batch_id == p.batch_id).unwrap();
            assert!(
                c.clashes[i].is_none(),
                "{} placed in a clashing batch",
                p.person_id
            );
        }
        assert_eq!(plan.placements.len() + plan.unplaced.len(), people.len());
    }

    #[test]
    fn everyone_goes_to_a_batch_of_their_group_when_capacity_allows_and_sizes_balance() {
        // Two batches per group, 12 deputies per group, capacity 8.
        let mut slots = Vec::new();
        for (g, name) in GROUPS.iter().enumerate() {
            slots.push(slot(g as i64 * 2 + 1, Some(name), 8, 0));
            slots.push(slot(g as i64 * 2 + 2, Some(name), 8, 0));
        }
        let people: Vec<Candidate> = (0..36)
            .map(|i| person(i, GROUPS[i as usize % 3], slots.len()))
            .collect();
        let plan = assign(&slots, &people);
        check_rules(&slots, &people, &plan);
        assert!(plan.unplaced.is_empty());
        assert!(
            plan.placements.iter().all(|p| p.fit == 0),
            "own group everywhere"
        );
        assert!(
            plan.sizes.iter().all(|(_, n)| *n == 6),
            "balanced: {:?}",
            plan.sizes
        );
    }

    #[test]
    fn a_mixed_batch_comes_before_another_groups_batch() {
        let slots = [
            slot(1, Some("司法监督"), 2, 0),
            slot(2, None, 2, 0),
            slot(3, Some("经济发展"), 5, 0),
        ];
        let people: Vec<Candidate> = (0..4).map(|i| person(i, "司法监督", 3)).collect();
        let plan = assign(&slots, &people);
        check_rules(&slots, &people, &plan);
        let in_batch = |b| plan.placements.iter().filter(|p| p.batch_id == b).count();
        assert_eq!((in_batch(1), in_batch(2), in_batch(3)), (2, 2, 0));
        // A fifth one has to go to the other group's batch rather than be left out.
        let people: Vec<Candidate> = (0..5).map(|i| person(i, "司法监督", 3)).collect();
        let plan = assign(&slots, &people);
        assert!(plan.unplaced.is_empty());
        assert_eq!(plan.placements.iter().filter(|p| p.fit == 2).count(), 1);
    }

    #[test]
    fn the_unplaced_are_listed_with_their_reasons_and_pins_are_kept() {
        let slots = [
            slot(1, Some("司法监督"), 2, 1),
            slot(2, Some("司法监督"), 1, 0),
        ];
        let mut people: Vec<Candidate> = (0..4).map(|i| person(i, "司法监督", 2)).collect();
        // Deputy 0 clashes with both batches; deputy 3 is pinned to batch 2.
        people[0].clashes = vec![Some("批次一：人代会".into()), Some("批次二：调研".into())];
        people[3].pinned = Some(2);
        let plan = assign(&slots, &people);
        check_rules(&slots, &people, &plan);
        assert!(
            plan.placements
                .iter()
                .any(|p| p.person_id == 3 && p.batch_id == 2 && p.pinned)
        );
        let reasons: Vec<(i64, &str)> = plan
            .unplaced
            .iter()
            .map(|u| (u.person_id, u.reason.as_str()))
            .collect();
        assert_eq!(reasons.len(), 2, "{reasons:?}");
        assert!(reasons.contains(&(0, "与每个批次都有时间冲突：批次一：人代会；批次二：调研")));
        assert!(
            reasons
                .iter()
                .any(|(_, r)| *r == "没有空位：能参加的批次都已满")
        );
        assert_eq!(plan.sizes, [(1, 2), (2, 1)]);
    }

    /// Every assignment of `people` to a slot or to nobody, the best by the
    /// same objective.
    fn brute_force(slots: &[Slot], people: &[Candidate]) -> (usize, u64, u64) {
        let options = slots.len() + 1;
        let total = options.pow(people.len() as u32);
        let mut best = (usize::MAX, u64::MAX, u64::MAX);
        'each: for code in 0..total {
            let mut sizes: Vec<usize> = slots.iter().map(|s| s.enrolled).collect();
            let mut out = 0;
            let mut misfit = 0u64;
            let mut c = code;
            for p in people {
                let choice = c % options;
                c /= options;
                if choice == slots.len() {
                    out += 1;
                    continue;
                }
                if p.clashes[choice].is_some() {
                    continue 'each;
                }
                sizes[choice] += 1;
                if sizes[choice] > slots[choice].capacity {
                    continue 'each;
                }
                misfit += u64::from(fit(slots[choice].group.as_deref(), p.group.as_deref()));
            }
            let balance = slots
                .iter()
                .zip(&sizes)
                .map(|(s, size)| ((s.enrolled + 1)..=*size).map(|k| k as u64).sum::<u64>())
                .sum();
            best = best.min((out, misfit, balance));
        }
        best
    }

    #[test]
    fn small_cases_are_optimal_against_brute_force() {
        let mut rng = fastrand::Rng::with_seed(7);
        for case in 0..300 {
            let n_slots = rng.usize(1..=3);
            let slots: Vec<Slot> = (0..n_slots)
                .map(|i| {
                    let group = if rng.u8(0..4) == 0 {
                        None
                    } else {
                        Some(GROUPS[rng.usize(0..3)])
                    };
                    let cap = rng.usize(1..=3);
                    slot(i as i64 + 1, group, cap, rng.usize(0..=cap.min(1)))
                })
                .collect();
            let people: Vec<Candidate> = (0..rng.usize(1..=6))
                .map(|i| {
                    let mut c = person(i as i64 + 100, GROUPS[rng.usize(0..3)], n_slots);
                    for clash in c.clashes.iter_mut() {
                        if rng.u8(0..5) == 0 {
                            *clash = Some("冲突".into());
                        }
                    }
                    c
                })
                .collect();
            let plan = assign(&slots, &people);
            check_rules(&slots, &people, &plan);
            assert_eq!(
                objective(&slots, &people, &plan),
                brute_force(&slots, &people),
                "case {case}: {slots:?} {people:?} → {plan:?}"
            );
        }
    }
}
