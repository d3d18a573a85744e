//! The objective of a round table and the search for a good one.

use std::collections::HashMap;

use super::pool::{Candidate, Pool, TableNetwork};
use super::{
    Alternative, Gap, Loads, Local, MAX_SEATS, Objective, Reason, Recommendation, Request,
    RoundTableError, Seat, Sitter, TableRole, Uncovered, WEIGHTS,
};
use crate::actor::Pillar;
use crate::network::stored::Records;

/// Improvements smaller than this are noise of floating-point sums, not improvements.
const EPSILON: f64 = 1e-9;
/// Alternatives per seat.
const ALTERNATIVES: usize = 3;

/// Proposes a round table for `request` from the network `net` (built for the same
/// `records`) and everyone's load.
pub fn recommend(
    records: Records<'_>,
    net: &TableNetwork,
    loads: &Loads,
    request: &Request,
) -> Result<Recommendation, RoundTableError> {
    if request.seats == 0 || request.seats > MAX_SEATS {
        return Err(RoundTableError::Seats {
            found: request.seats,
        });
    }
    for id in &request.include {
        if request.exclude.contains(id) {
            return Err(RoundTableError::IncludedAndExcluded { id: id.get() });
        }
    }
    for id in request.include.iter().chain(&request.exclude) {
        if !records.persons.iter().any(|p| p.id == *id) {
            return Err(RoundTableError::UnknownPerson { id: id.get() });
        }
    }
    let mut include = request.include.clone();
    include.sort();
    include.dedup();
    if include.len() > request.seats {
        return Err(RoundTableError::TooManyIncluded {
            included: include.len(),
            seats: request.seats,
        });
    }
    let pool = Pool::build(records, net, loads, request)?;
    let n = pool.candidates.len();
    if request.seats > n {
        return Err(RoundTableError::SeatsExceedPool {
            seats: request.seats,
            pool: n,
        });
    }
    let mut search = Search::new(net, &pool.candidates, request);
    let fixed: Vec<usize> = include
        .iter()
        .filter_map(|id| pool.candidates.iter().position(|c| c.person == *id))
        .collect();
    let team = search.run(&fixed);
    Ok(search.explain(records, &team, &fixed))
}

/// The terms of a table's objective.
#[derive(Clone, Copy, Debug, Default)]
struct Terms {
    roles: u32,
    local: u8,
    pillars: u8,
    proximity: f64,
    influence: f64,
    brokerage: f64,
    close_pairs: usize,
    direct_pairs: usize,
    load: f64,
}

struct Search<'a> {
    net: &'a TableNetwork,
    candidates: &'a [Candidate],
    seats: usize,
    template: u32,
    all_pillars: bool,
    /// Local responsibilities somebody in the pool has.
    local_available: u8,
    /// For candidates who sat at the table at some point: how far every node of the network
    /// is from them ([`FAR`], [`VIA_ONE`], [`DIRECT`]). Looking a pair up here is what the
    /// search does most, so it is an array, not a map of pairs.
    reach: HashMap<usize, Vec<u8>>,
}

/// Not within two steps.
const FAR: u8 = 0;
/// Two steps apart: through one person.
const VIA_ONE: u8 = 1;
/// Adjacent.
const DIRECT: u8 = 2;

impl<'a> Search<'a> {
    fn new(net: &'a TableNetwork, candidates: &'a [Candidate], request: &Request) -> Search<'a> {
        Search {
            net,
            candidates,
            seats: request.seats,
            template: request.template.mask(),
            all_pillars: request.template.all_pillars,
            local_available: candidates.iter().fold(0, |m, c| m | c.local),
            reach: HashMap::new(),
        }
    }

    /// Makes sure the distances from each of `team` are known.
    fn prepare(&mut self, team: &[usize]) {
        let graph = &self.net.network.graph;
        for &a in team {
            if self.reach.contains_key(&a) {
                continue;
            }
            let mut reach = Vec::new();
            if let Some(u) = self.candidates[a].node {
                reach = vec![FAR; graph.node_count()];
                for &v in graph.neighbors(u) {
                    for &w in graph.neighbors(v) {
                        reach[w] = VIA_ONE;
                    }
                }
                for &v in graph.neighbors(u) {
                    reach[v] = DIRECT;
                }
                reach[u] = FAR;
            }
            self.reach.insert(a, reach);
        }
    }

    /// Whether two candidates know each other through at most one person, and directly; one
    /// of them must have been prepared.
    fn close(&self, a: usize, b: usize) -> (bool, bool) {
        let (known, other) = if self.reach.contains_key(&a) {
            (a, b)
        } else {
            (b, a)
        };
        let distance = match (self.reach.get(&known), self.candidates[other].node) {
            (Some(reach), Some(v)) => reach.get(v).copied().unwrap_or(FAR),
            _ => FAR,
        };
        (distance != FAR, distance == DIRECT)
    }

    fn terms(&self, team: &[usize]) -> Terms {
        let mut t = Terms::default();
        for (i, &a) in team.iter().enumerate() {
            let c = &self.candidates[a];
            t.roles |= c.roles;
            t.local |= c.local;
            t.pillars |= c.pillars;
            t.proximity += c.proximity;
            t.influence += c.influence;
            t.brokerage += c.brokerage;
            t.load += c.load.share();
            for &b in &team[i + 1..] {
                let (close, direct) = self.close(a, b);
                t.close_pairs += usize::from(close);
                t.direct_pairs += usize::from(direct);
            }
        }
        t.roles &= self.template;
        t.local &= self.local_available;
        if !self.all_pillars {
            t.pillars = 0;
        }
        t
    }

    fn value_of(&self, t: &Terms) -> f64 {
        let w = WEIGHTS;
        // Each seat's share of the others it reaches, summed: 2·pairs / (seats − 1).
        let connectivity = if self.seats > 1 {
            2.0 * t.close_pairs as f64 / (self.seats - 1) as f64
        } else {
            0.0
        };
        w.roles * f64::from(t.roles.count_ones())
            + w.local * f64::from(t.local.count_ones())
            + w.pillars * f64::from(t.pillars.count_ones())
            + w.proximity * t.proximity
            + w.influence * t.influence
            + w.brokerage * t.brokerage
            + w.connectivity * connectivity
            - w.load * t.load
    }

    fn value(&self, team: &[usize]) -> f64 {
        let t = self.terms(team);
        self.value_of(&t)
    }

    /// Greedy by marginal gain from the fixed seats, then single swaps while one improves.
    /// The distance arrays of `team`'s members (prepared before).
    fn reaches(&self, team: &[usize]) -> Vec<&[u8]> {
        team.iter()
            .map(|a| self.reach.get(a).map_or(&[][..], Vec::as_slice))
            .collect()
    }

    /// The terms of a table of `base` (the terms of the others) plus candidate `c`, given the
    /// others' distance arrays: the search's inner loop, in O(seats).
    fn with(&self, base: &Terms, others: &[&[u8]], c: usize) -> Terms {
        let candidate = &self.candidates[c];
        let mut t = *base;
        t.roles = (t.roles | candidate.roles) & self.template;
        t.local = (t.local | candidate.local) & self.local_available;
        if self.all_pillars {
            t.pillars |= candidate.pillars;
        }
        t.proximity += candidate.proximity;
        t.influence += candidate.influence;
        t.brokerage += candidate.brokerage;
        t.load += candidate.load.share();
        if let Some(v) = candidate.node {
            for reach in others {
                let distance = reach.get(v).copied().unwrap_or(FAR);
                t.close_pairs += usize::from(distance != FAR);
                t.direct_pairs += usize::from(distance == DIRECT);
            }
        }
        t
    }

    /// Every candidate outside `team` with the value of `others` plus them, given the terms
    /// of `others`.
    fn trials(&mut self, team: &[usize], others: &[usize]) -> Vec<(usize, Terms)> {
        self.prepare(others);
        let base = self.terms(others);
        let reaches = self.reaches(others);
        (0..self.candidates.len())
            .filter(|c| !team.contains(c))
            .map(|c| (c, self.with(&base, &reaches, c)))
            .collect()
    }

    /// Greedy by marginal gain from the fixed seats, then single swaps while one improves.
    fn run(&mut self, fixed: &[usize]) -> Vec<usize> {
        let mut team: Vec<usize> = fixed.to_vec();
        while team.len() < self.seats {
            let mut best: Option<(usize, f64)> = None;
            for (c, terms) in self.trials(&team, &team.clone()) {
                let value = self.value_of(&terms);
                if best.is_none_or(|(_, v)| value > v + EPSILON) {
                    best = Some((c, value));
                }
            }
            match best {
                Some((c, _)) => team.push(c),
                None => break,
            }
        }
        for _ in 0..4 * self.seats {
            if !self.improve(&mut team, fixed) {
                break;
            }
        }
        team
    }

    /// Makes the best improving swap of a seat not asked for; whether there was one.
    fn improve(&mut self, team: &mut [usize], fixed: &[usize]) -> bool {
        self.prepare(team);
        let current = self.value(team);
        let mut best: Option<(usize, usize, f64)> = None;
        for seat in 0..team.len() {
            if fixed.contains(&team[seat]) {
                continue;
            }
            let others: Vec<usize> = without(team, seat);
            for (c, terms) in self.trials(team, &others) {
                let value = self.value_of(&terms);
                if value > current + EPSILON && best.is_none_or(|(_, _, v)| value > v + EPSILON) {
                    best = Some((seat, c, value));
                }
            }
        }
        match best {
            Some((seat, c, _)) => {
                team[seat] = c;
                true
            }
            None => false,
        }
    }

    fn sitter(&self, records: Records<'_>, c: usize) -> Sitter {
        let candidate = &self.candidates[c];
        let first = candidate
            .organisations
            .first()
            .and_then(|id| records.organisations.iter().find(|o| o.id == *id));
        Sitter {
            person_id: candidate.person,
            name: candidate.name.clone(),
            organisation_id: first.map(|o| o.id),
            organisation: first.map(|o| o.data.name.to_string()),
            pillar: first.map(|o| o.data.pillars.primary()),
            roles: roles_of(candidate.roles),
            load: candidate.load,
        }
    }

    /// The best replacements of seat `seat` from outside the team.
    fn alternatives(
        &mut self,
        records: Records<'_>,
        team: &[usize],
        seat: usize,
    ) -> Vec<Alternative> {
        self.prepare(team);
        let current = self.terms(team);
        let value = self.value_of(&current);
        let others = without(team, seat);
        let ranked_terms = self.trials(team, &others);
        let mut ranked: Vec<(usize, f64, u32)> = ranked_terms
            .iter()
            .map(|(c, terms)| (*c, self.value_of(terms), current.roles & !terms.roles))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
            .into_iter()
            .take(ALTERNATIVES)
            .map(|(c, v, lost)| Alternative {
                sitter: self.sitter(records, c),
                loss: (value - v).max(0.0),
                roles_lost: roles_of(lost),
            })
            .collect()
    }

    fn reasons(&mut self, team: &[usize], seat: usize, fixed: &[usize]) -> Vec<Reason> {
        let a = team[seat];
        let c = &self.candidates[a];
        let mut reasons = Vec::new();
        if fixed.contains(&a) {
            reasons.push(Reason::Included);
        }
        reasons.extend(
            roles_of(c.roles & self.template)
                .into_iter()
                .map(|role| Reason::Role { role }),
        );
        for local in Local::ALL {
            if c.local & self.local_available & local.bit() != 0 {
                reasons.push(Reason::Local { local });
            }
        }
        if self.all_pillars {
            let others = team
                .iter()
                .filter(|&&b| b != a)
                .fold(0u8, |m, &b| m | self.candidates[b].pillars);
            for pillar in Pillar::ALL {
                let bit = 1 << (*pillar as u8);
                if c.pillars & bit != 0 && others & bit == 0 {
                    reasons.push(Reason::Pillar { pillar: *pillar });
                }
            }
        }
        let of = self.candidates.len();
        let notable = (of / 10).max(3);
        let rank = |key: &dyn Fn(&Candidate) -> f64| {
            1 + self
                .candidates
                .iter()
                .filter(|o| key(o) > key(c) + EPSILON)
                .count()
        };
        let influence = rank(&|o: &Candidate| o.influence);
        if influence <= notable && c.influence > 0.0 {
            reasons.push(Reason::Influence {
                rank: influence,
                of,
            });
        }
        let broker = rank(&|o: &Candidate| o.brokerage);
        if broker <= notable && c.brokerage > 0.0 {
            reasons.push(Reason::Broker { rank: broker, of });
        }
        let (mut direct, mut via_one) = (0, 0);
        for &b in team {
            if b != a {
                let (close, adjacent) = self.close(a, b);
                direct += usize::from(adjacent);
                via_one += usize::from(close && !adjacent);
            }
        }
        reasons.push(Reason::Connected {
            direct,
            via_one,
            others: team.len() - 1,
        });
        reasons.push(Reason::Load { load: c.load });
        reasons
    }

    fn explain(&mut self, records: Records<'_>, team: &[usize], fixed: &[usize]) -> Recommendation {
        self.prepare(team);
        let seats = (0..team.len())
            .map(|seat| Seat {
                sitter: self.sitter(records, team[seat]),
                reasons: self.reasons(team, seat, fixed),
                alternatives: if fixed.contains(&team[seat]) {
                    Vec::new()
                } else {
                    self.alternatives(records, team, seat)
                },
            })
            .collect();
        let terms = self.terms(team);
        let in_pool = self.candidates.iter().fold(0, |m, c| m | c.roles);
        let uncovered_roles = roles_of(self.template & !terms.roles)
            .into_iter()
            .map(|role| Uncovered {
                role,
                gap: if in_pool & role.bit() == 0 {
                    Gap::NoneInNetwork
                } else {
                    Gap::NoSeatLeft
                },
            })
            .collect();
        let pairs = team.len() * team.len().saturating_sub(1) / 2;
        let pillars = team
            .iter()
            .fold(0u8, |m, &c| m | self.candidates[c].pillars);
        Recommendation {
            seats,
            uncovered_roles,
            objective: Objective {
                weights: WEIGHTS,
                value: self.value_of(&terms),
                roles_covered: terms.roles.count_ones() as usize,
                roles_needed: self.template.count_ones() as usize,
                local_covered: locals_of(terms.local),
                local_available: locals_of(self.local_available),
                pillars: Pillar::ALL
                    .iter()
                    .copied()
                    .filter(|p| pillars & (1 << (*p as u8)) != 0)
                    .collect(),
                all_pillars: self.all_pillars,
                connectivity: if pairs == 0 {
                    1.0
                } else {
                    terms.close_pairs as f64 / pairs as f64
                },
                direct_pairs: terms.direct_pairs,
                pairs,
                pool: self.candidates.len(),
            },
        }
    }
}

/// The team without the seat `seat`.
fn without(team: &[usize], seat: usize) -> Vec<usize> {
    team.iter()
        .enumerate()
        .filter(|(i, _)| *i != seat)
        .map(|(_, c)| *c)
        .collect()
}

fn roles_of(mask: u32) -> Vec<TableRole> {
    TableRole::ALL
        .iter()
        .copied()
        .filter(|r| mask & r.bit() != 0)
        .collect()
}

fn locals_of(mask: u8) -> Vec<Local> {
    Local::ALL
        .into_iter()
        .filter(|l| mask & l.bit() != 0)
        .collect()
}
