// The hospital's desk (staff mode at a kiosk offering reception or billing): today's visits and
// today's payments from the back office, refreshed every 10 s, leaving staff mode after 30 min
// without a tap. The app opens it from the staff screen.
export { DeskScreen } from './DeskScreen';
export { deskCounts, deskTabs, needsStaff, ratioWords, type DeskTab } from './desk-view';
