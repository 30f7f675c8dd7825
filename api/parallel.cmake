# parallelFor over the global QThreadPool (the YAML position map parses documents in parallel).
target_sources(acp_api PRIVATE ${CMAKE_CURRENT_LIST_DIR}/ParallelFor.h ${CMAKE_CURRENT_LIST_DIR}/ParallelFor.cpp)
