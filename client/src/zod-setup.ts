import * as z from 'zod';

// WeChat forbids eval and new Function, which zod uses to speed up parsing: switch that off before any
// schema is defined. app.tsx imports this module first.
z.config({ jitless: true });
