# Kubeconfig loading/merging/saving as kubectl does, credential plugins (exec, OIDC).
target_sources(acp_api PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/KubeconfigTypes.h
  ${CMAKE_CURRENT_LIST_DIR}/KubeconfigCodec.h ${CMAKE_CURRENT_LIST_DIR}/KubeconfigCodec.cpp
  ${CMAKE_CURRENT_LIST_DIR}/KubeconfigCodecEncode.cpp
  ${CMAKE_CURRENT_LIST_DIR}/KubeconfigFile.h ${CMAKE_CURRENT_LIST_DIR}/KubeconfigFile.cpp
  ${CMAKE_CURRENT_LIST_DIR}/KubeconfigFileRender.cpp
  ${CMAKE_CURRENT_LIST_DIR}/Kubeconfig.h ${CMAKE_CURRENT_LIST_DIR}/Kubeconfig.cpp
  ${CMAKE_CURRENT_LIST_DIR}/KubeconfigView.h ${CMAKE_CURRENT_LIST_DIR}/KubeconfigView.cpp
  ${CMAKE_CURRENT_LIST_DIR}/KubeconfigResolver.h ${CMAKE_CURRENT_LIST_DIR}/KubeconfigResolver.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ExecCredentialSource.h ${CMAKE_CURRENT_LIST_DIR}/ExecCredentialSource.cpp
  ${CMAKE_CURRENT_LIST_DIR}/OidcCredentialSource.h ${CMAKE_CURRENT_LIST_DIR}/OidcCredentialSource.cpp)
