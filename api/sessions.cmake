# ACP sessions in a kubeconfig (ac-compatible entries) and the login that fills them.
target_sources(acp_api PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/AcpSessions.h ${CMAKE_CURRENT_LIST_DIR}/AcpSessions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/AcpSessionsLogin.h ${CMAKE_CURRENT_LIST_DIR}/AcpSessionsLogin.cpp)
# The clusters a console or `acpctl --clusters all` works with (an ACP session or every context).
target_sources(acp_api PRIVATE ${CMAKE_CURRENT_LIST_DIR}/Workspace.h ${CMAKE_CURRENT_LIST_DIR}/Workspace.cpp)
