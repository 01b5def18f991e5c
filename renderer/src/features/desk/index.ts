// The hospital's reception desk (staff mode at a kiosk offering reception): today's visits from the
// back office, refreshed every 10 s, leaving staff mode after 30 min without a tap. The app opens it
// from the staff screen.
export { DeskScreen } from './DeskScreen';
export { deskCounts, needsStaff, ratioWords } from './desk-view';
