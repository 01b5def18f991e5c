// Staff mode (not a resident service): the staff code dialog and the held-print screen, whose
// state is the `staffFlow` reducer. The app opens it from the idle or held-print screen.
export { StaffEntry } from './StaffEntry';
export { StaffScreen } from './StaffScreen';
export { staffFlow, initialStaff } from './staff-flow';
