-- "Held" has one meaning (issue: certificates before the training): a
-- session is held only once its day has come — attendance, a sign-in or the
-- organizer's mark on or after its day make it so — and a batch's
-- completion waits until its sessions are held or the organizer closes it.
--
-- The data written before: training sessions marked held by attendance
-- recorded ahead of their day go back to planned (the marks stay, counted
-- once the session is held); reading-share sessions whose day has passed
-- with sign-ins but never marked held are held.

ALTER TABLE training_batches ADD COLUMN closed_at TEXT;

UPDATE training_sessions SET status = 'planned'
 WHERE status = 'held'
   AND (SELECT date(b.starts_at) FROM bookings b WHERE b.id = training_sessions.booking_id)
       > date('now', '+8 hours');

UPDATE share_sessions SET status = 'held'
 WHERE status = 'planned'
   AND EXISTS (SELECT 1 FROM share_signins s WHERE s.session_id = share_sessions.id)
   AND (SELECT date(b.starts_at) FROM bookings b WHERE b.id = share_sessions.booking_id)
       <= date('now', '+8 hours');
