import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/**
 * The tab's pages at `/tab`: the HTML shell from `tab/`, the compiled script from `dist/tab/`.
 * Missing build output is answered with a clear message rather than a blank page.
 */
export function tabRoutes(rootDir: string): Router {
  const router = Router();
  const page = path.join(rootDir, 'tab', 'index.html');
  const built = path.join(rootDir, 'dist', 'tab');
  router.get(['/', '/tab'], (req, res) => {
    if (req.path === '/') return res.redirect('/tab');
    res.sendFile(page);
  });
  router.use(
    '/tab/assets',
    express.static(path.join(rootDir, 'tab', 'assets'), { fallthrough: true }),
  );
  router.use('/tab', (req, res, next) => {
    if (!fs.existsSync(built)) {
      res.status(503).type('text/plain').send('The tab is not built: run `npm run build`.');
      return;
    }
    express.static(built, { index: false })(req, res, next);
  });
  return router;
}
