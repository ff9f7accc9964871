/// The public status page's templates: HTML (escaped for HTML), and the default text customers read for each status
/// until there is a public update. Part of `DefaultTemplates.all`, so an operator overrides them like any other
/// (`status-head` holds the name, logo and colours).
enum StatusTemplates {
    static let all: [String: String] = [
        "status-investigating": "We are investigating reports of a problem and will post an update soon.",
        "status-identified": "We have identified the cause and are working on a fix.",
        "status-monitoring": "A fix is in place and we are monitoring the results.",
        "status-resolved": "This incident has been resolved.",
        "status-withdrawn": "This incident was opened in error and is closed. Anything that does affect the service is shown on this page. We are sorry for the confusion.",
        "status-head": #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{pageTitle}}</title>
<link rel="alternate" type="application/atom+xml" title="{{name}}: updates" href="{{feedURL}}">
<style>
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1b1f24; --muted: #4a535e; --card: #f4f6f8; --line: #d0d7de;
  --ok: #116329; --degraded: #7d4e00; --partial: #9a3412; --major: #a40e26; --link: #0550ae; }
@media (prefers-color-scheme: dark) { :root { --bg: #0d1117; --fg: #e6edf3; --muted: #b1bac4; --card: #161b22; --line: #30363d;
  --ok: #56d364; --degraded: #e3b341; --partial: #f0883e; --major: #ff7b72; --link: #79c0ff; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
header, main, footer { max-width: 48rem; margin: 0 auto; padding: 1rem; }
a { color: var(--link); }
.banner { border-left: .4rem solid var(--ok); background: var(--card); padding: .75rem 1rem; font-weight: 600; }
.level-degraded_performance { border-color: var(--degraded); } .level-partial_outage { border-color: var(--partial); }
.level-major_outage { border-color: var(--major); }
.state-operational { color: var(--ok); } .state-degraded_performance { color: var(--degraded); }
.state-partial_outage { color: var(--partial); } .state-major_outage { color: var(--major); }
ul.components { list-style: none; padding: 0; margin: 0; border: 1px solid var(--line); border-radius: .4rem; }
ul.components li { display: flex; justify-content: space-between; gap: 1rem; padding: .5rem .75rem; border-top: 1px solid var(--line); }
ul.components li:first-child { border-top: 0; }
article.incident { background: var(--card); border: 1px solid var(--line); border-radius: .4rem; padding: .25rem 1rem 1rem; margin: 1rem 0; }
ol.updates { list-style: none; padding: 0; margin: 0; }
ol.updates li { border-top: 1px solid var(--line); padding: .5rem 0; }
ol.updates li p { white-space: pre-line; }
.meta, footer { color: var(--muted); font-size: .9rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; } h3 { font-size: 1.1rem; }
</style>
</head>
<body>
<header><h1>{{#logoURL}}<img src="{{logoURL}}" alt="" height="32"> {{/logoURL}}{{name}}</h1></header>
"""#,
        "status-foot": #"""
<footer>
<p>Times are in {{timeZone}}.{{#updatedAt}} Last change {{updatedAt}}.{{/updatedAt}} <a href="{{feedURL}}">Atom feed</a> · <a href="{{jsonURL}}">JSON</a> · <a href="{{historyURL}}">History</a></p>
</footer>
</body>
</html>
"""#,
        "status-incident-card": #"""
<article class="incident" aria-labelledby="incident-{{number}}">
<h3 id="incident-{{number}}"><a href="{{url}}">{{title}}</a></h3>
<p class="meta"><span class="state-{{impactLevel}}">{{status}}</span>{{#componentsText}} · Affects {{componentsText}}{{/componentsText}}{{#eta}} · Expected fix by <time datetime="{{etaISO}}">{{eta}}</time>{{#etaPassed}}, taking longer than expected{{/etaPassed}}{{/eta}}</p>
<ol class="updates">
{{#updates}}<li><strong>{{status}}</strong> · <time datetime="{{iso}}">{{time}}</time><p>{{text}}</p></li>
{{/updates}}</ol>
</article>
"""#,
        "status-page": #"""
{{> status-head}}
<main id="main">
<p class="banner level-{{level}}" role="status">{{description}}</p>
<section aria-labelledby="components-heading">
<h2 id="components-heading">Components</h2>
{{#groups}}{{#group}}<h3>{{group}}</h3>{{/group}}
<ul class="components">
{{#components}}<li><span>{{name}}</span><span class="state-{{level}}">{{state}}</span></li>
{{/components}}</ul>
{{/groups}}
</section>
<section aria-labelledby="open-heading">
<h2 id="open-heading">Current incidents</h2>
{{#open}}{{> status-incident-card}}{{/open}}{{^open}}<p>No incidents right now.</p>{{/open}}
</section>
<section aria-labelledby="recent-heading">
<h2 id="recent-heading">Resolved in the last {{recentDays}} days</h2>
{{#recent}}{{> status-incident-card}}{{/recent}}{{^recent}}<p>No incidents resolved in that time.</p>{{/recent}}
<p><a href="{{historyURL}}">Incident history</a></p>
</section>
</main>
{{> status-foot}}
"""#,
        "status-incident": #"""
{{> status-head}}
<main id="main">
<p><a href="{{homeURL}}">← {{name}}</a></p>
{{#incident}}{{> status-incident-card}}{{/incident}}
</main>
{{> status-foot}}
"""#,
        "status-history": #"""
{{> status-head}}
<main id="main">
<p><a href="{{homeURL}}">← {{name}}</a></p>
<h2>Resolved incidents, last {{historyDays}} days</h2>
{{#incidents}}{{> status-incident-card}}{{/incidents}}{{^incidents}}<p>No incidents in that time.</p>{{/incidents}}
<nav aria-label="Pages"><p>{{#newerURL}}<a href="{{newerURL}}" rel="prev">Newer</a> {{/newerURL}}Page {{page}} of {{pages}}{{#olderURL}} <a href="{{olderURL}}" rel="next">Older</a>{{/olderURL}}</p></nav>
</main>
{{> status-foot}}
"""#,
    ]
}
