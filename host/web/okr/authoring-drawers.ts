// The chunk of the board's authoring drawers, with the form engine they carry (see use-kickoff-authoring.tsx).
export { KeyResultDrawer } from './KeyResultDrawer.tsx';
export { ObjectiveDrawer } from './ObjectiveDrawer.tsx';
