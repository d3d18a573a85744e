//! Positions for drawing a network: ForceAtlas2 (Jacomy, Venturini, Heymann & Bastian 2014,
//! "ForceAtlas2, a continuous graph layout algorithm for handy network visualization designed
//! for the Gephi software", PLoS ONE 9(6): e98679), with the Barnes–Hut approximation of the
//! repulsion (Barnes & Hut 1986, Nature 324) for larger graphs.
//!
//! Nodes repel each other in proportion to their degrees plus one, ties pull their ends
//! together in proportion to their distance (and weight), and a weak gravity keeps separate
//! components in view. Each node moves by a speed of its own that falls where its force keeps
//! changing direction ("swinging") and rises where it stays steady, so the layout settles
//! instead of oscillating.
//!
//! The result is deterministic: start positions come from the seed, the computation runs on
//! one thread in a fixed order, and a fixed number of iterations is run. The same graph and
//! settings give the same bits on every run.

#![allow(
    clippy::many_single_char_names,
    clippy::doc_markdown,
    clippy::needless_range_loop,
    clippy::float_cmp,
    reason = "geometry reads best in the paper's short names (x, y, d, f) and index loops over parallel arrays; a leaf's mass equals its first node's exactly (the same number added once); ForceAtlas2 is a name"
)]

use crate::Graph;
use crate::random::Random;
use crate::structure::undirected;

/// The settings of a layout.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    /// Iterations to run.
    pub iterations: usize,
    /// Strength of the repulsion (the paper's k_r; larger spreads the drawing).
    pub scaling: f64,
    /// Strength of the pull towards the centre (k_g).
    pub gravity: f64,
    /// "Strong gravity" (the paper's variant): the pull grows with the distance from the
    /// centre, so separate components and isolated nodes stay near the rest instead of
    /// drifting to where the repulsion of everything else balances a constant pull.
    pub strong_gravity: bool,
    /// Barnes–Hut accuracy: a group of nodes seen at an angle below this counts as one
    /// (the paper's θ = 1.2); 0 computes every pair exactly.
    pub theta: f64,
    /// Seed of the start positions.
    pub seed: u64,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            iterations: 300,
            scaling: 2.0,
            gravity: 1.0,
            strong_gravity: true,
            theta: 1.2,
            seed: 1,
        }
    }
}

/// Below this many nodes the repulsion is computed for every pair, which is exact and, at this
/// size, as fast as building the tree.
const EXACT_BELOW: usize = 500;

/// ForceAtlas2 positions `(x, y)` for each node; directions are ignored and weights, if any,
/// strengthen the pull of a tie. O(iterations · (m + n log n)) with Barnes–Hut, O(iterations ·
/// (m + n²)) below 500 nodes.
///
/// ```
/// use praevnetz_graph::{Direction, Graph, layout::{force_atlas2, Layout}};
/// // Two triangles joined by one tie: each triangle's nodes end up near each other.
/// let g = Graph::from_edges(6, &[(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 3)], Direction::Undirected)?;
/// let p = force_atlas2(&g, Layout::default());
/// let d = |a: usize, b: usize| ((p[a].0 - p[b].0).powi(2) + (p[a].1 - p[b].1).powi(2)).sqrt();
/// assert!(d(0, 1) < d(0, 4));
/// assert_eq!(p, force_atlas2(&g, Layout::default()));
/// # Ok::<(), praevnetz_graph::NodeOutOfRange>(())
/// ```
#[allow(clippy::cast_precision_loss, reason = "node counts far below 2^52")]
pub fn force_atlas2(graph: &Graph, layout: Layout) -> Vec<(f64, f64)> {
    let g = undirected(graph);
    let n = g.node_count();
    let mut random = Random(layout.seed);
    let spread = (n as f64).sqrt() * 10.0;
    let mut position: Vec<(f64, f64)> = (0..n)
        .map(|_| {
            let x = (random.next() as f64 / u64::MAX as f64 - 0.5) * spread;
            let y = (random.next() as f64 / u64::MAX as f64 - 0.5) * spread;
            (x, y)
        })
        .collect();
    if n < 2 {
        return vec![(0.0, 0.0); n];
    }
    let mass: Vec<f64> = (0..n).map(|v| g.neighbors(v).len() as f64 + 1.0).collect();
    let mut force = vec![(0.0, 0.0); n];
    let mut previous = vec![(0.0, 0.0); n];
    let mut speed = 1.0;
    let mut efficiency = 1.0;
    for _ in 0..layout.iterations {
        std::mem::swap(&mut force, &mut previous);
        force.fill((0.0, 0.0));
        if n < EXACT_BELOW || layout.theta <= 0.0 {
            repel_all(&position, &mass, layout.scaling, &mut force);
        } else {
            let tree = QuadTree::build(&position, &mass);
            for v in 0..n {
                let f = tree.repulsion(v, &position, &mass, layout.scaling, layout.theta);
                force[v].0 += f.0;
                force[v].1 += f.1;
            }
        }
        for v in 0..n {
            // Gravity towards the centre, proportional to the mass (and, strong, the distance).
            let (x, y) = position[v];
            let d = x.hypot(y);
            if d > 0.0 {
                let factor = if layout.strong_gravity {
                    layout.gravity * mass[v]
                } else {
                    layout.gravity * mass[v] / d
                };
                force[v].0 -= x * factor;
                force[v].1 -= y * factor;
            }
            // Attraction along the ties: linear in the distance.
            let weights = g.neighbor_weights(v);
            for (k, &w) in g.neighbors(v).iter().enumerate() {
                let strength = weights.map_or(1.0, |ws| ws[k]);
                force[v].0 -= (position[v].0 - position[w].0) * strength;
                force[v].1 -= (position[v].1 - position[w].1) * strength;
            }
        }
        // Adaptive speed: swinging is the change of a node's force, traction its steadiness.
        let (mut swinging, mut traction) = (0.0, 0.0);
        let swing: Vec<f64> = (0..n)
            .map(|v| {
                let s = mass[v] * (force[v].0 - previous[v].0).hypot(force[v].1 - previous[v].1);
                swinging += s;
                traction +=
                    mass[v] * (force[v].0 + previous[v].0).hypot(force[v].1 + previous[v].1) / 2.0;
                s
            })
            .collect();
        speed = next_speed(speed, &mut efficiency, swinging, traction, n);
        for v in 0..n {
            let factor = speed / (1.0 + (speed * swing[v]).sqrt());
            // A node moves at most 10 units a step, whatever its force.
            let magnitude = force[v].0.hypot(force[v].1);
            let factor = if magnitude * factor > 10.0 {
                10.0 / magnitude
            } else {
                factor
            };
            position[v].0 += force[v].0 * factor;
            position[v].1 += force[v].1 * factor;
        }
    }
    position
}

/// The global speed after one iteration: as fast as the nodes' steadiness allows, rising by at
/// most half per step (the speed control of Gephi's implementation described in the paper).
#[allow(clippy::cast_precision_loss, reason = "node counts far below 2^52")]
fn next_speed(speed: f64, efficiency: &mut f64, swinging: f64, traction: f64, n: usize) -> f64 {
    if swinging <= 0.0 || traction <= 0.0 {
        return speed;
    }
    let optimal = 0.05 * (n as f64).sqrt();
    let mut tolerance = optimal
        .sqrt()
        .max(optimal * traction / (n as f64 * n as f64))
        .min(10.0);
    if swinging / traction > 2.0 {
        if *efficiency > 0.05 {
            *efficiency *= 0.5;
        }
        tolerance = tolerance.max(1.0);
    }
    let target = tolerance * *efficiency * traction / swinging;
    if swinging > tolerance * traction {
        if *efficiency > 0.05 {
            *efficiency *= 0.7;
        }
    } else if speed < 1000.0 {
        *efficiency *= 1.3;
    }
    speed + (target - speed).min(0.5 * speed)
}

/// The repulsion between a node of mass `a` and a mass `b` at offset `(dx, dy)`, added to `f`.
fn push(f: &mut (f64, f64), dx: f64, dy: f64, a: f64, b: f64, scaling: f64) {
    let d2 = dx * dx + dy * dy;
    if d2 > 0.0 {
        let factor = scaling * a * b / d2;
        f.0 += dx * factor;
        f.1 += dy * factor;
    }
}

fn repel_all(position: &[(f64, f64)], mass: &[f64], scaling: f64, force: &mut [(f64, f64)]) {
    let n = position.len();
    for v in 0..n {
        for w in (v + 1)..n {
            let (dx, dy) = (position[v].0 - position[w].0, position[v].1 - position[w].1);
            let mut f = (0.0, 0.0);
            push(&mut f, dx, dy, mass[v], mass[w], scaling);
            force[v].0 += f.0;
            force[v].1 += f.1;
            force[w].0 -= f.0;
            force[w].1 -= f.1;
        }
    }
}

/// A cell of the Barnes–Hut tree: a square region with the total mass and centre of mass of the
/// nodes inside, and either one node or four children.
struct Cell {
    centre: (f64, f64),
    half: f64,
    mass: f64,
    /// Mass-weighted sum of positions; divided by `mass` it is the centre of mass.
    moment: (f64, f64),
    /// The one node of a leaf.
    node: Option<usize>,
    /// Index of the first of four children in `QuadTree::cells`, 0 for a leaf.
    children: usize,
}

struct QuadTree {
    cells: Vec<Cell>,
}

/// Deeper than this, nodes on (almost) the same spot share a leaf.
const MAX_DEPTH: usize = 40;

impl QuadTree {
    fn build(position: &[(f64, f64)], mass: &[f64]) -> QuadTree {
        let (mut lo, mut hi) = ((f64::MAX, f64::MAX), (f64::MIN, f64::MIN));
        for &(x, y) in position {
            lo = (lo.0.min(x), lo.1.min(y));
            hi = (hi.0.max(x), hi.1.max(y));
        }
        let half = ((hi.0 - lo.0).max(hi.1 - lo.1) / 2.0).max(1e-9) * 1.000_001;
        let centre = (f64::midpoint(lo.0, hi.0), f64::midpoint(lo.1, hi.1));
        let mut tree = QuadTree {
            cells: vec![Cell::empty(centre, half)],
        };
        for v in 0..position.len() {
            tree.insert(0, v, position, mass, 0);
        }
        tree
    }

    fn insert(
        &mut self,
        cell: usize,
        v: usize,
        position: &[(f64, f64)],
        mass: &[f64],
        depth: usize,
    ) {
        let (x, y) = position[v];
        {
            let c = &mut self.cells[cell];
            c.mass += mass[v];
            c.moment.0 += x * mass[v];
            c.moment.1 += y * mass[v];
        }
        let c = &self.cells[cell];
        if c.children == 0 {
            match c.node {
                None if c.mass == mass[v] => {
                    self.cells[cell].node = Some(v);
                    return;
                }
                Some(other) if depth < MAX_DEPTH => {
                    self.split(cell);
                    self.cells[cell].node = None;
                    let child = self.child_for(cell, position[other]);
                    self.insert(child, other, position, mass, depth + 1);
                }
                // Too deep: the leaf keeps its first node and the added mass.
                _ => return,
            }
        }
        let child = self.child_for(cell, (x, y));
        self.insert(child, v, position, mass, depth + 1);
    }

    fn split(&mut self, cell: usize) {
        let (centre, half) = (self.cells[cell].centre, self.cells[cell].half / 2.0);
        let first = self.cells.len();
        for (sx, sy) in [(-1.0, -1.0), (1.0, -1.0), (-1.0, 1.0), (1.0, 1.0)] {
            self.cells.push(Cell::empty(
                (centre.0 + sx * half, centre.1 + sy * half),
                half,
            ));
        }
        self.cells[cell].children = first;
    }

    fn child_for(&self, cell: usize, (x, y): (f64, f64)) -> usize {
        let c = &self.cells[cell];
        let right = usize::from(x >= c.centre.0);
        let up = usize::from(y >= c.centre.1);
        c.children + right + 2 * up
    }

    /// The repulsion on node `v` from all others.
    fn repulsion(
        &self,
        v: usize,
        position: &[(f64, f64)],
        mass: &[f64],
        scaling: f64,
        theta: f64,
    ) -> (f64, f64) {
        let mut f = (0.0, 0.0);
        let mut stack = vec![0];
        let (x, y) = position[v];
        while let Some(i) = stack.pop() {
            let c = &self.cells[i];
            if c.mass == 0.0 {
                continue;
            }
            if c.children == 0 {
                match c.node {
                    // Nodes piled on v's own spot at the depth limit have no direction to push.
                    Some(w) if w == v => {}
                    Some(w) => {
                        let (px, py) = position[w];
                        push(&mut f, x - px, y - py, mass[v], c.mass, scaling);
                    }
                    None => {}
                }
                continue;
            }
            let (cx, cy) = (c.moment.0 / c.mass, c.moment.1 / c.mass);
            let distance = (x - cx).hypot(y - cy);
            if distance > 0.0 && 2.0 * c.half / distance < theta && !c.contains((x, y)) {
                push(&mut f, x - cx, y - cy, mass[v], c.mass, scaling);
            } else {
                stack.extend(c.children..c.children + 4);
            }
        }
        f
    }
}

impl Cell {
    fn empty(centre: (f64, f64), half: f64) -> Cell {
        Cell {
            centre,
            half,
            mass: 0.0,
            moment: (0.0, 0.0),
            node: None,
            children: 0,
        }
    }

    fn contains(&self, (x, y): (f64, f64)) -> bool {
        (x - self.centre.0).abs() <= self.half && (y - self.centre.1).abs() <= self.half
    }
}
