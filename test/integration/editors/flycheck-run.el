;;; flycheck-run.el --- headless Flycheck run for test/integration/emacs-flycheck.test
;;   emacs -Q --batch -l flycheck-run.el
;; Loads Debian's elpa-flycheck and docs/examples/context-tidy-flycheck.el
;; ($CT_EL), overridden by $CT_EXE, $CT_CHECKS, $CT_EXTRA when set, checks
;; $CT_FILE and prints the command and the errors Flycheck shows.
(require 'package)
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'flycheck)
(load (getenv "CT_EL") nil t)
(when (> (length (getenv "CT_CHECKS")) 0)
  (setq-default context-tidy-checks (getenv "CT_CHECKS")))
(when (> (length (getenv "CT_EXE")) 0)
  (setq flycheck-c/c++-context-tidy-executable (getenv "CT_EXE")))
(when (> (length (getenv "CT_EXTRA")) 0)
  (setq-default context-tidy-extra-args (list (getenv "CT_EXTRA"))))
(find-file (getenv "CT_FILE"))
(c++-mode)
(flycheck-mode 1)
(flycheck-select-checker 'c/c++-context-tidy)
(princ (format "command: %s\n" (flycheck-checker-shell-command 'c/c++-context-tidy)))
(flycheck-buffer)
(let ((n 0))
  (while (and (flycheck-running-p) (< n 1200))
    (accept-process-output nil 0.1)
    (setq n (1+ n))))
(princ (format "status: %s\n" flycheck-last-status-change))
(dolist (e flycheck-current-errors)
  (princ (format "%s:%d:%d: %s: %s\n"
                 (file-name-nondirectory (flycheck-error-filename e))
                 (flycheck-error-line e) (flycheck-error-column e)
                 (flycheck-error-level e) (flycheck-error-message e))))
