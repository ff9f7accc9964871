#ifndef KLAXON_CCURL_SHIM_H
#define KLAXON_CCURL_SHIM_H

#include <curl/curl.h>

// curl_easy_setopt is variadic, which Swift cannot call; these fix its argument types.
CURLcode klaxon_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode klaxon_curl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode klaxon_curl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode klaxon_curl_setopt_read_function(CURL *handle, size_t (*function)(char *, size_t, size_t, void *));
CURLcode klaxon_curl_getinfo_long(CURL *handle, CURLINFO info, long *value);

// The recipients an SMTP server refused (4xx or 5xx to RCPT TO), each followed by a newline: libcurl delivers to the
// others (CURLOPT_MAIL_RCPT_ALLOWFAILS) but says nothing of which failed, so its protocol trace is read for them.
typedef struct {
    char refused[4096];
    size_t used;
    char pending[320];
    int awaiting;
} klaxon_refused_recipients;

// Lets a message go to the recipients the server accepts, recording those it refuses in `log`.
CURLcode klaxon_curl_allow_refused_recipients(CURL *handle, klaxon_refused_recipients *log);

#endif
