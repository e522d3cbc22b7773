/** Hit/miss marker colours: apart from up/down and the forecast's (the browser tests count those), and told apart by shape too. */
export const HIT_COLOR = '#8e24aa';
export const MISS_COLOR = '#ef6c00';
