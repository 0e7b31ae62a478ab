//! Each terminal protocol against its simulator and the public evidence (one test binary):
//! ECR17, AADE 1155, WebECR and nexo drivers, their key set-up, the myDATA fiscal link, and the
//! certification run.

#[path = "../support/mod.rs"]
mod support;

mod aade1155_commit_first;
mod aade1155_evidence;
mod aade1155_hostile;
mod aade1155_keys;
mod aade1155_sim;
mod certify;
mod ecr17_evidence;
mod ecr17_ops;
mod ecr17_sim;
mod ecr17_stan;
mod fiscal_evidence;
mod fiscal_link;
mod fiscal_link_aade;
mod nexo_full;
mod nexo_sim;
mod strict_profiles;
mod webecr_auth;
mod webecr_hostile;
mod webecr_paths_shapes;
mod webecr_sim;
