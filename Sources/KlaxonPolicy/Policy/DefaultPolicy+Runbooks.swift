extension DefaultPolicy {
    /// The playbook's runbooks, the last section of the default policy.
    static let runbooks = #"""
runbooks:
  - id: connection-pool
    title: Database connection pool exhaustion
    aliases: [pool, db-pool]
    symptoms:
      - Uploads failing with "database unavailable"
      - Non-upload features working fine
      - Intermittent (works sometimes, fails others)
    steps:
      - Check active connections against the pool size
      - Kill long-running or idle-in-transaction queries
      - Restart the app servers one at a time to release leaked connections
      - Raise the pool size temporarily if the database has headroom
    root_cause:
      - Find the slowest queries and connection leaks in the logs
    prevention:
      - Alert when pool > 80%
      - Set connection timeout to 5 minutes
      - Monitor slowest queries
  - id: disk-full
    title: Out of disk space
    aliases: [disk, no-space]
    symptoms:
      - All uploads start failing
      - "Errors: \"no space left on device\""
      - Database might go into read-only mode
    steps:
      - Find the largest directories (du -sh /* | sort -h)
      - Clear old logs and temporary files
      - Expand the volume if nothing can be freed
      - Check the database is writable again
    prevention:
      - Alert when disk > 80%
      - Set up log rotation
      - Archive old data periodically
      - Monitor largest directories
  - id: bad-deploy
    title: Deployment broke production
    aliases: [deploy, rollback]
    symptoms:
      - New deploy caused 500 errors
      - Specific feature now broken
      - Errors started after recent deployment
    steps:
      - Roll back to the last good release
      - Confirm error rates return to normal
      - Keep the broken release out of the pipeline until fixed
    root_cause:
      - Was change tested?
      - Did it pass code review?
      - Did automated tests pass?
      - Did it work in staging?
    prevention:
      - Require staging test before production deploy
      - Add automated test requirements
      - Have peer review on all changes
      - Practice deployments in staging first
  - id: leaked-key
    title: Security incident - API key leaked
    aliases: [api-key, secret, leak]
    symptoms:
      - API key appears in GitHub issues or logs
      - Unauthorized API calls from unknown source
      - Multiple failed login attempts
    steps:
      - Revoke the leaked key immediately and issue a new one
      - Deploy the new key from the secret store
      - Review access logs for use of the old key
    root_cause:
      - How was it leaked? (GitHub, logs, email?)
      - Fix the leak (remove from history, restrict logs)
      - How long was it exposed?
      - Did attacker use it?
    prevention:
      - Use environment variables for secrets, not code
      - Scan GitHub for leaked secrets
      - Rotate keys periodically
      - Monitor API key usage for anomalies
  - id: data-corruption
    title: Customer data corruption
    aliases: [corruption, data-loss]
    symptoms:
      - Customer files are gone or wrong
      - Database has impossible state
      - File sizes don't match storage quota
    steps:
      - Stop writes to the affected data
      - Snapshot the current state before changing anything
      - Identify the last good backup
    root_cause:
      - Is data actually lost or just showing wrong?
      - Can we restore from backup?
      - How many records affected?
      - Can we notify users proactively?
    prevention:
      - Test database restore procedures monthly
      - Have automated backups every hour
      - Monitor for data anomalies
      - Have data integrity checks
  - id: database-reboot
    title: Database reboot runbook
    aliases: [db-reboot]
    steps:
      - Announce the reboot in the incident thread
      - Put the app in maintenance mode
      - Reboot the database server and wait for it to accept connections
      - Check replication and run a read/write smoke test
      - Take the app out of maintenance mode
  - id: app-restart
    title: App server restart runbook
    aliases: [restart]
    steps:
      - Restart app servers one at a time behind the load balancer
      - Wait for each to pass health checks before the next
      - Watch error rates and latency after each restart
"""#
}
