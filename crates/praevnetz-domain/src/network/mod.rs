//! Networks for analysis: external network files ([`file`]) and the analysis report
//! ([`analysis`]) that the command line and the network pages share.

pub mod analysis;
pub mod file;
