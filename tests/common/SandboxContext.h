#pragma once
// resolveContext: a RestConfig for one context of a kubeconfig (the sandbox's, usually), resolved
// the way the product does it (api::Kubeconfig + KubeconfigResolver), so tests exercise the real
// loader. Test support only; header-only (link acp_api).
#include "api/Kubeconfig.h"
#include "api/KubeconfigResolver.h"

namespace acp::test {

inline api::Result<api::RestConfig> resolveContext(const QString &kubeconfigPath, const QString &context)
{
    api::KubeconfigLoadOptions lo;
    lo.explicitPath = kubeconfigPath;
    const auto kc = api::Kubeconfig::load(lo);
    if (!kc)
        return kc.error();
    api::KubeconfigOverrides ov;
    ov.context = context;
    return api::KubeconfigResolver::resolve(*kc, ov);
}

} // namespace acp::test
