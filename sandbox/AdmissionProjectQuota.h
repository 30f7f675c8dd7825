#pragma once
// ProjectQuota admission (ACP's project webhook, as the sandbox models it): on create and
// update of a Project (auth.alauda.io/v1, `global`), every quota value of spec.clusters[] that
// is new or changed must be a valid quantity and must not be below what the project's
// namespaces in that cluster already have assigned: the sum of spec.hard of the ResourceQuotas
// in the namespaces labelled cpaas.io/project=<project>. Clusters whose quota did not change are
// not re-checked (a per-cluster edit never fails because of another cluster). Denials are 403
// `projects.auth.alauda.io "<p>" is forbidden: cluster <c>: <resource> quota <v> is less than the
// <sum> already assigned to the project's namespaces (<ns>, ...)`; invalid values are 422.
// On create it also stamps annotation cpaas.io/creator with the requesting user when absent.
// Single-threaded (the sandbox's event loop).
namespace acp::sandbox {

class Sandbox;
class SimCluster;

void installProjectQuotaAdmission(Sandbox &sandbox, SimCluster &global);

} // namespace acp::sandbox
