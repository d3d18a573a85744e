//! The stored network written for Gephi and NetworkX: GraphML and GEXF 1.2, with the nodes'
//! and edges' attributes. Both read back with `networkx.read_graphml` / `read_gexf` and with
//! [`super::file::read`].

use std::fmt::Write as _;

use quick_xml::escape::escape;

use super::stored::{Edge, Network, Node};

/// A node attribute: name, type and value.
type Attribute = (&'static str, &'static str, Option<String>);

fn node_attributes(node: &Node) -> [Attribute; 7] {
    [
        ("name", "string", Some(node.name.clone())),
        ("pillar", "string", node.pillar.map(|p| p.code().to_owned())),
        ("kind", "string", node.kind.map(str::to_owned)),
        ("organisation", "string", node.organisation.clone()),
        ("municipality", "string", node.municipality.clone()),
        ("district", "string", node.district.clone()),
        ("partner", "boolean", Some(node.partner.to_string())),
    ]
}

fn edge_attributes(edge: &Edge) -> [Attribute; 5] {
    let kinds: Vec<&str> = edge.kinds.iter().map(|k| k.code()).collect();
    [
        ("weight", "double", Some(edge.weight.to_string())),
        ("ties", "int", Some(edge.ties.to_string())),
        ("kinds", "string", Some(kinds.join(" "))),
        ("since", "string", edge.since.map(|d| d.to_string())),
        ("until", "string", edge.until.map(|d| d.to_string())),
    ]
}

/// The attribute names and types, from an empty record of each kind.
fn declarations(attributes: &[Attribute]) -> Vec<(&'static str, &'static str)> {
    attributes
        .iter()
        .map(|&(name, kind, _)| (name, kind))
        .collect()
}

/// GraphML: one `<key>` per attribute, node ids [`Node::key`], undirected edges.
///
/// ```
/// use praevnetz_domain::network::export::graphml;
/// use praevnetz_domain::network::stored::Network;
/// use praevnetz_graph::{Direction, Graph};
/// let empty = Network { nodes: vec![], edges: vec![], graph: Graph::empty(0, Direction::Undirected) };
/// assert!(graphml(&empty).contains("<graph edgedefault=\"undirected\">"));
/// ```
pub fn graphml(network: &Network) -> String {
    let (node, edge) = (Node::default(), Edge::default());
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n",
    );
    for (name, kind) in declarations(&node_attributes(&node)) {
        let _ = writeln!(
            out,
            "  <key id=\"n_{name}\" for=\"node\" attr.name=\"{name}\" attr.type=\"{kind}\"/>"
        );
    }
    for (name, kind) in declarations(&edge_attributes(&edge)) {
        let _ = writeln!(
            out,
            "  <key id=\"e_{name}\" for=\"edge\" attr.name=\"{name}\" attr.type=\"{kind}\"/>"
        );
    }
    out.push_str("  <graph edgedefault=\"undirected\">\n");
    for node in &network.nodes {
        let _ = writeln!(out, "    <node id=\"{}\">", escape(node.key.as_str()));
        for (name, _, value) in node_attributes(node) {
            if let Some(value) = value {
                let _ = writeln!(
                    out,
                    "      <data key=\"n_{name}\">{}</data>",
                    escape(value.as_str())
                );
            }
        }
        out.push_str("    </node>\n");
    }
    for edge in &network.edges {
        let (a, b) = (
            escape(network.nodes[edge.a].key.as_str()),
            escape(network.nodes[edge.b].key.as_str()),
        );
        let _ = writeln!(out, "    <edge source=\"{a}\" target=\"{b}\">");
        for (name, _, value) in edge_attributes(edge) {
            if let Some(value) = value {
                let _ = writeln!(
                    out,
                    "      <data key=\"e_{name}\">{}</data>",
                    escape(value.as_str())
                );
            }
        }
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

/// GEXF 1.2 (the version both Gephi and `networkx.read_gexf` read): attributes declared by
/// class, the edge weight also as GEXF's own `weight`.
pub fn gexf(network: &Network) -> String {
    let (node, edge) = (Node::default(), Edge::default());
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n\
         \x20 <meta><creator>praevnetz</creator></meta>\n\
         \x20 <graph defaultedgetype=\"undirected\" mode=\"static\">\n",
    );
    let declare = |out: &mut String, class: &str, list: Vec<(&str, &str)>| {
        let _ = writeln!(out, "    <attributes class=\"{class}\">");
        for (name, kind) in list {
            let _ = writeln!(
                out,
                "      <attribute id=\"{name}\" title=\"{name}\" type=\"{kind}\"/>"
            );
        }
        out.push_str("    </attributes>\n");
    };
    declare(&mut out, "node", declarations(&node_attributes(&node)));
    declare(&mut out, "edge", declarations(&edge_attributes(&edge)));
    let values = |out: &mut String, attributes: &[Attribute]| {
        out.push_str("<attvalues>");
        for (name, _, value) in attributes {
            if let Some(value) = value {
                let _ = write!(
                    out,
                    "<attvalue for=\"{name}\" value=\"{}\"/>",
                    escape(value.as_str())
                );
            }
        }
        out.push_str("</attvalues>");
    };
    out.push_str("    <nodes>\n");
    for node in &network.nodes {
        let _ = write!(
            out,
            "      <node id=\"{}\" label=\"{}\">",
            escape(node.key.as_str()),
            escape(node.name.as_str())
        );
        values(&mut out, &node_attributes(node));
        out.push_str("</node>\n");
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for (i, edge) in network.edges.iter().enumerate() {
        let (a, b) = (
            escape(network.nodes[edge.a].key.as_str()),
            escape(network.nodes[edge.b].key.as_str()),
        );
        let _ = write!(
            out,
            "      <edge id=\"{i}\" source=\"{a}\" target=\"{b}\" weight=\"{}\">",
            edge.weight
        );
        values(&mut out, &edge_attributes(edge));
        out.push_str("</edge>\n");
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}
