#ifndef KLAXON_CCURL_SHIM_H
#define KLAXON_CCURL_SHIM_H

#include <curl/curl.h>

// curl_easy_setopt is variadic, which Swift cannot call; these fix its argument types.
CURLcode klaxon_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode klaxon_curl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode klaxon_curl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode klaxon_curl_setopt_read_function(CURL *handle, size_t (*function)(char *, size_t, size_t, void *));
CURLcode klaxon_curl_getinfo_long(CURL *handle, CURLINFO info, long *value);

#endif
