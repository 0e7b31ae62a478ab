//! Every decoder against what it may be fed (one test binary): the public vectors of each
//! protocol, the fuzz corpus, and hostile input.

#[path = "../support/mod.rs"]
mod support;

mod aade1155_vectors;
mod ecr17_vectors;
mod fuzz_corpus;
mod nexo_hostile;
mod nexo_vectors;
mod webecr_vectors;
