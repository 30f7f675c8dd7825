# Server-side field validation (fieldValidation=Ignore|Warn|Strict).
target_sources(acp_sandbox PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/FieldValidator.h
    ${CMAKE_CURRENT_LIST_DIR}/FieldValidator.cpp)
target_sources(acp_sandbox PRIVATE ${CMAKE_CURRENT_LIST_DIR}/KubeApiFields.cpp)
