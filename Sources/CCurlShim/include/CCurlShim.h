#ifndef KLAXON_CCURL_SHIM_H
#define KLAXON_CCURL_SHIM_H

#include <curl/curl.h>

// curl_easy_setopt is variadic, which Swift cannot call; these fix its argument types.
CURLcode klaxon_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode klaxon_curl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode klaxon_curl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode klaxon_curl_setopt_read_function(CURL *handle, size_t (*function)(char *, size_t, size_t, void *));
CURLcode klaxon_curl_getinfo_long(CURL *handle, CURLINFO info, long *value);

// The recipient an SMTP server refused (its reply to RCPT TO was not 2xx) and the reply's code: libcurl ends the
// transaction there, before any data, and says only that a recipient failed, so its protocol trace is read for which.
typedef struct {
    char refused[320];
    int code;
    char pending[320];
    int awaiting;
} klaxon_refused_recipient;

// Records in `log` the first recipient the server refuses. `log` must outlive the handle: libcurl still traces the
// QUIT it sends when the handle is cleaned up.
CURLcode klaxon_curl_trace_refused_recipient(CURL *handle, klaxon_refused_recipient *log);

#endif
