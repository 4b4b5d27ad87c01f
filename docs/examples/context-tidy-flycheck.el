;;; context-tidy-flycheck.el --- context-tidy as a Flycheck checker  -*- lexical-binding: t; -*-

;; Flycheck has no clang-tidy checker of its own; this file defines one,
;; `c/c++-context-tidy', that runs the standalone context-tidy (or
;; clang-tidy-N --load=libContextTidy.so) on the saved file with the
;; project's compile_commands.json.  See docs/editors.md.
;;
;;   (require 'flycheck)
;;   (load "/usr/share/doc/context-tidy-19/examples/context-tidy-flycheck.el")
;;   (add-hook 'c++-mode-hook #'flycheck-mode)
;;
;; With the plugin instead of the standalone executable:
;;   (setq flycheck-c/c++-context-tidy-executable "clang-tidy-19")
;;   (setq context-tidy-extra-args
;;         '("--load=/usr/lib/context-tidy/llvm-19/libContextTidy.so"))

;;; Code:

(require 'flycheck)

(flycheck-def-option-var context-tidy-checks "-*,context-*" c/c++-context-tidy
  "The clang-tidy check pattern (--checks=)."
  :type 'string :safe #'stringp)

(flycheck-def-option-var context-tidy-build-dir nil c/c++-context-tidy
  "Directory with compile_commands.json.
nil: the nearest directory above the file that has one, or has it
in its build/ subdirectory."
  :type '(choice (const nil) directory) :safe #'stringp)

(flycheck-def-option-var context-tidy-extra-args nil c/c++-context-tidy
  "More arguments for the executable, such as --load=PLUGIN."
  :type '(repeat string) :safe #'flycheck-string-list-p)

(defun context-tidy-flycheck-build-dir ()
  "The directory with compile_commands.json for the current buffer."
  (or context-tidy-build-dir
      (let* ((has (lambda (dir) (file-exists-p (expand-file-name "compile_commands.json" dir))))
             (root (locate-dominating-file
                    default-directory
                    (lambda (dir) (or (funcall has dir)
                                      (funcall has (expand-file-name "build" dir)))))))
        (when root
          (if (funcall has root) root (expand-file-name "build" root))))))

(flycheck-define-checker c/c++-context-tidy
  "The context-* checks (and any clang-tidy check) on the saved file."
  :command ("context-tidy"
            (option "--checks=" context-tidy-checks concat)
            "--quiet"
            (eval (let ((dir (context-tidy-flycheck-build-dir)))
                    (when dir (list "-p" (expand-file-name dir)))))
            (eval context-tidy-extra-args)
            source-original)
  :predicate flycheck-buffer-saved-p
  :error-patterns
  ((error line-start (file-name) ":" line ":" column ": error: " (message) line-end)
   (warning line-start (file-name) ":" line ":" column ": warning: " (message) line-end)
   (info line-start (file-name) ":" line ":" column ": note: " (message) line-end))
  :modes (c-mode c++-mode))

(add-to-list 'flycheck-checkers 'c/c++-context-tidy)

(provide 'context-tidy-flycheck)
;;; context-tidy-flycheck.el ends here
