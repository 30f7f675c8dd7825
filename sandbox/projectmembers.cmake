# The platform's project-member binding controller (RoleBindings from project UserBindings).
target_sources(acp_sandbox PRIVATE ${CMAKE_CURRENT_LIST_DIR}/ProjectMemberBindings.h ${CMAKE_CURRENT_LIST_DIR}/ProjectMemberBindings.cpp)
