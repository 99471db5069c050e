/**
 * The alerts' notification channels ({@link gt.dondelocompro.application.port.out.NotificationChannel}): webhooks (a
 * JSON POST signed with HMAC-SHA256), ntfy topics (a plain POST with a title and tags) and e-mail over SMTP (Jakarta
 * Mail, Eclipse Angus). Webhook and ntfy URLs that resolve to loopback, private, link-local or metadata addresses are
 * refused ({@link gt.dondelocompro.adapters.notify.PublicTargets}) at creation and before each send; redirects are
 * never followed and a response body is read only up to a small cap.
 */
package gt.dondelocompro.adapters.notify;
