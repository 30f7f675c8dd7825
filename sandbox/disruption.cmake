# The simulated disruption controller (PodDisruptionBudget status).
target_sources(acp_sandbox PRIVATE ${CMAKE_CURRENT_LIST_DIR}/ControllersDisruption.cpp)
